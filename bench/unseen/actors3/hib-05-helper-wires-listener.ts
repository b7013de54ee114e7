import { DurableObject } from 'cloudflare:workers';

function wireSocket(ws: WebSocket, room: Lobby): void {
  ws.addEventListener('message', (e) => room.onText(String(e.data))); // expect: require-hibernation #w
}

export class Lobby extends DurableObject {
  private log: string[] = [];

  async fetch(_request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    wireSocket(pair[1], this); // expect: require-hibernation #w
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  onText(text: string): void {
    this.log.push(text);
  }
}
