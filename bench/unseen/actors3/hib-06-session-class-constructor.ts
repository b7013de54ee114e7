import { DurableObject } from 'cloudflare:workers';

class SocketSession {
  constructor(private readonly ws: WebSocket, private readonly room: GameRoom) {
    ws.accept(); // expect: require-hibernation #c
    ws.addEventListener('message', (e) => this.room.move(this, String(e.data))); // expect: require-hibernation #c
    ws.addEventListener('close', () => this.room.leave(this)); // expect: require-hibernation #c
  }

  send(text: string): void {
    this.ws.send(text);
  }
}

export class GameRoom extends DurableObject {
  private readonly players = new Set<SocketSession>();

  async fetch(_request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    this.players.add(new SocketSession(pair[1], this));
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  move(from: SocketSession, text: string): void {
    for (const p of this.players) if (p !== from) p.send(text);
  }

  leave(who: SocketSession): void {
    this.players.delete(who);
  }
}
