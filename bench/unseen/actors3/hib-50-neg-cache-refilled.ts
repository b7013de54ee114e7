import { DurableObject } from 'cloudflare:workers';

type Session = { name: string };

export class Lounge extends DurableObject {
  private sessions = new Map<WebSocket, Session>();

  async fetch(request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    pair[1].serializeAttachment({ name: new URL(request.url).searchParams.get('name') ?? 'anon' });
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  private session(ws: WebSocket): Session {
    let s = this.sessions.get(ws);
    if (!s) {
      s = ws.deserializeAttachment() as Session;
      this.sessions.set(ws, s);
    }
    return s;
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const { name } = this.session(ws);
    for (const other of this.ctx.getWebSockets()) other.send(`${name}: ${String(message)}`);
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    this.sessions.delete(ws);
    ws.close(code, 'bye');
  }
}
