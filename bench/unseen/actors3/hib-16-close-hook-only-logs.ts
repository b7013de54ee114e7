import { DurableObject } from 'cloudflare:workers';

export class Feed extends DurableObject {
  async fetch(_request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1], ['feed']);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string, wasClean: boolean): Promise<void> { // expect: require-hibernation
    await this.onClosed(ws, code, reason, wasClean);
  }

  protected async onClosed(_ws: WebSocket, code: number, reason: string, wasClean: boolean): Promise<void> {
    console.log('socket closed', code, reason, wasClean);
  }
}
