import { DurableObject } from 'cloudflare:workers';

export class Whiteboard extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.#listen(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  #listen(ws: WebSocket): void {
    ws.addEventListener('message', (e) => this.draw(String(e.data))); // expect: require-hibernation
  }

  private draw(stroke: string): void {
    for (const peer of this.ctx.getWebSockets()) peer.send(stroke);
  }
}
