import { DurableObject } from 'cloudflare:workers';

export abstract class SocketRoom extends DurableObject {
  async fetch(_request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  webSocketClose(ws: WebSocket, code: number, reason: string): void | Promise<void> { // expect: require-hibernation
    return this.onDisconnect(ws, code, reason);
  }

  protected onDisconnect(_ws: WebSocket, _code: number, _reason: string): void | Promise<void> {}
}
