export class Counter {
  constructor(private readonly state: DurableObjectState, env: unknown) {}

  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept(); // expect: require-hibernation
    server.addEventListener('message', async () => {
      const n = ((await this.state.storage.get<number>('n')) ?? 0) + 1;
      await this.state.storage.put('n', n);
      server.send(String(n));
    });
    return new Response(null, { status: 101, webSocket: client });
  }
}
