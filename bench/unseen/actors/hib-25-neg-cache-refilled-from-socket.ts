import { DurableObject } from 'cloudflare:workers';

interface View { id: string; seen: number }

export class Feed extends DurableObject {
  private readonly views = new Map<WebSocket, View>();

  async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ id: crypto.randomUUID() });
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    let view = this.views.get(ws);
    if (!view) {
      view = { id: (ws.deserializeAttachment() as { id: string }).id, seen: 0 };
      this.views.set(ws, view);
    }
    view.seen++;
    ws.send(String(view.seen));
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.views.delete(ws);
    ws.close(code, reason);
  }
}
