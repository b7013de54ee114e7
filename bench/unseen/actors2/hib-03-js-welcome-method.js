export class Lobby {
  constructor(state, env) {
    this.state = state;
    this.members = [];
    state.blockConcurrencyWhile(async () => {
      this.topic = (await state.storage.get('topic')) || 'general';
    });
  }

  async fetch(request) {
    const url = new URL(request.url);
    const pair = new WebSocketPair();
    this.welcome(pair[1], url.searchParams.get('name') || 'anon');
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  welcome(conn, name) {
    conn.accept(); // expect: require-hibernation
    this.members.push({ conn, name });
    conn.send(JSON.stringify({ topic: this.topic }));
    conn.addEventListener('message', (e) => {
      for (const m of this.members) m.conn.send(`${name}: ${e.data}`);
    });
  }
}
