import { DurableObject } from 'cloudflare:workers';

const SAVE_DEBOUNCE_MS = 2_000;

export class Document extends DurableObject {
  private pending: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    this.pending.push(String(message));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save(), SAVE_DEBOUNCE_MS); // expect: require-hibernation
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    ws.close(code, reason);
  }

  private save(): void {
    void this.ctx.storage.put('ops', this.pending);
    this.pending = [];
  }
}
