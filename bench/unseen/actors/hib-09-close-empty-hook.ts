import { DurableObject } from 'cloudflare:workers';

export class RoomBase extends DurableObject {
  async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    ws.send(message);
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> { // expect: require-hibernation
    this.onDisconnect(ws, code, reason);
  }

  /** Subclasses override this. */
  protected onDisconnect(ws: WebSocket, code: number, reason: string): void {}
}
