import { DurableObject } from 'cloudflare:workers';

interface Member { name: string; joinedAt: number }

export class Chat extends DurableObject {
  private readonly members = new Map<WebSocket, Member>();

  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const data = JSON.parse(String(message)) as { join?: string; text?: string };
    if (data.join) {
      this.members.set(ws, { name: data.join, joinedAt: Date.now() }); // expect: require-hibernation
      return;
    }
    const from = this.members.get(ws)?.name ?? 'anonymous';
    for (const peer of this.ctx.getWebSockets()) peer.send(JSON.stringify({ from, text: data.text }));
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    this.members.delete(ws);
    ws.close(code, 'bye');
  }
}
