import { DurableObject } from 'cloudflare:workers';

export class Cursors extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    pair[1].serializeAttachment({ user: new URL(request.url).searchParams.get('user') });
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketMessage(ws: WebSocket, msg: string | ArrayBuffer): Promise<void> {
    for (const peer of this.ctx.getWebSockets()) if (peer !== ws) peer.send(msg);
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string, wasClean: boolean): Promise<void> { // expect: require-hibernation
    await this.forget(ws);
  }

  private async forget(ws: WebSocket): Promise<void> {
    const { user } = ws.deserializeAttachment();
    await this.ctx.storage.put(`seen:${user}`, Date.now());
  }
}
