import { DurableObject } from 'cloudflare:workers';

type Player = { name: string; score: number };

export class Arena extends DurableObject {
  private players = new Map<WebSocket, Player>(); // expect: require-hibernation #m

  async fetch(request: Request): Promise<Response> {
    const name = new URL(request.url).searchParams.get('name') ?? 'anon';
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    this.players.set(pair[1], { name, score: 0 }); // expect: require-hibernation #m
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketMessage(ws: WebSocket, _message: string | ArrayBuffer): Promise<void> {
    const player = this.players.get(ws);
    if (!player) return;
    player.score++;
    ws.send(JSON.stringify({ name: player.name, score: player.score }));
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    this.players.delete(ws);
    ws.close(code, 'bye');
  }
}
