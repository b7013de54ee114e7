interface Env {
  ROOMS: unknown;
}

export class GameRoom {
  constructor(private readonly state: DurableObjectState, private readonly env: Env) {}

  async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade') === 'websocket') return this.upgrade(request);
    return new Response(String(await this.state.storage.get('turn')));
  }

  private upgrade(request: Request): Response {
    const pair = new WebSocketPair();
    const socket = pair[1];
    socket.accept(); // expect: require-hibernation
    socket.addEventListener('message', (e) => this.state.storage.put('turn', String(e.data)));
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
}
