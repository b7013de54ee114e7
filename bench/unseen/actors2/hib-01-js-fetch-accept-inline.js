// A Durable Object from before the base class: plain JavaScript, state and env in the constructor.
export class Counter {
  constructor(state, env) {
    this.state = state;
    this.env = env;
    this.clients = new Set();
  }

  async fetch(request) {
    if (request.headers.get('Upgrade') !== 'websocket') return new Response('expected websocket', { status: 426 });
    const { 0: client, 1: server } = new WebSocketPair();
    server.accept(); // expect: require-hibernation
    this.clients.add(server);
    server.addEventListener('message', async (event) => {
      const n = ((await this.state.storage.get('n')) || 0) + 1;
      await this.state.storage.put('n', n);
      for (const c of this.clients) c.send(String(n));
    });
    server.addEventListener('close', () => this.clients.delete(server));
    return new Response(null, { status: 101, webSocket: client });
  }
}
