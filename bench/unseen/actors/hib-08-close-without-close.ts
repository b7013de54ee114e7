import { DurableObject } from 'cloudflare:workers';

export class Presence extends DurableObject {
  async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    for (const peer of this.ctx.getWebSockets()) if (peer !== ws) peer.send(message);
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> { // expect: require-hibernation
    for (const peer of this.ctx.getWebSockets()) peer.send(JSON.stringify({ left: true, code, reason }));
  }
}
