import { DurableObject } from 'cloudflare:workers';

export class Ticker extends DurableObject {
  async fetch(_request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    for (const other of this.ctx.getWebSockets()) if (other !== ws) other.send(message);
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> { // expect: require-hibernation
    for (const other of this.ctx.getWebSockets()) {
      if (other !== ws) other.send(JSON.stringify({ left: true, code, reason }));
    }
  }
}
