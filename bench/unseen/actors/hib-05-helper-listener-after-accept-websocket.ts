import { DurableObject } from 'cloudflare:workers';

function attachHandlers(ws: WebSocket, room: Board): void {
  ws.addEventListener('message', (e) => room.apply(String(e.data))); // expect: require-hibernation
  ws.addEventListener('error', () => room.drop(ws));
}

export class Board extends DurableObject {
  async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    attachHandlers(server, this);
    return new Response(null, { status: 101, webSocket: client });
  }

  apply(op: string): void {
    void this.ctx.storage.put('last', op);
  }

  drop(ws: WebSocket): void {
    ws.close(1011, 'error');
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    ws.close(code, reason);
  }
}
