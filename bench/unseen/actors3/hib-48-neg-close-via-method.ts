import { DurableObject } from 'cloudflare:workers';

export class Poll extends DurableObject {
  async fetch(_request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.finish(ws, code, reason);
  }

  private finish(ws: WebSocket, code: number, reason: string): void {
    ws.close(code, reason || 'closing');
  }
}
