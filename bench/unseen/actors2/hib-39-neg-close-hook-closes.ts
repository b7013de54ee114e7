import { DurableObject } from 'cloudflare:workers';

export abstract class SocketRoom extends DurableObject {
  async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    await this.onDisconnect(ws, code, reason);
  }

  protected async onDisconnect(ws: WebSocket, code: number, reason: string): Promise<void> {
    ws.close(code, reason);
  }
}

export class Chat extends SocketRoom {
  async fetch(): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
}
