import { DurableObject } from 'cloudflare:workers';

export class ChatRoom extends DurableObject {
  private recent: Uint8Array[] = [];

  async webSocketMessage(ws: WebSocket, message: ArrayBuffer | string): Promise<void> {
    if (typeof message === 'string') return;
    this.recent.push(new Uint8Array(message, 0, 32)); // expect: no-retained-view
    if (this.recent.length > 100) this.recent.shift();
  }
}
