import { DurableObject } from 'cloudflare:workers';

type Seat = { name: string; table: number };

export class Tables extends DurableObject {
  private seats = new Map<WebSocket, Seat>();

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    for (const ws of ctx.getWebSockets()) this.seats.set(ws, ws.deserializeAttachment() as Seat);
  }

  async fetch(request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    const seat: Seat = { name: new URL(request.url).searchParams.get('n') ?? '?', table: 1 };
    this.ctx.acceptWebSocket(pair[1]);
    pair[1].serializeAttachment(seat);
    this.seats.set(pair[1], seat);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const seat = this.seats.get(ws);
    ws.send(`${seat?.name}@${seat?.table}: ${String(message)}`);
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    this.seats.delete(ws);
    ws.close(code, 'bye');
  }
}
