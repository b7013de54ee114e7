import { DurableObject } from 'cloudflare:workers';

type Meter = { frames: number; bytes: number };

export class Ingest extends DurableObject {
  // A per-socket cache any handler rebuilds when it is missing, so a wake loses nothing that matters.
  private meters = new Map<WebSocket, Meter>();

  async fetch(): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    let meter = this.meters.get(ws);
    if (!meter) {
      meter = { frames: 0, bytes: 0 };
      this.meters.set(ws, meter);
    }
    meter.frames++;
    meter.bytes += typeof message === 'string' ? message.length : message.byteLength;
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    this.meters.delete(ws);
    ws.close(code, 'closing');
  }
}
