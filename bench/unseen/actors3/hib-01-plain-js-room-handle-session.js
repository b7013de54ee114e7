// A chat room Durable Object written before the DurableObject base class.
export class ChatRoom {
  constructor(state, env) {
    this.state = state;
    this.storage = state.storage;
    this.env = env;
    this.sessions = [];
  }

  async fetch(request) {
    if (request.headers.get('Upgrade') !== 'websocket') return new Response('expected websocket', { status: 400 });
    const pair = new WebSocketPair();
    await this.handleSession(pair[1], request.headers.get('CF-Connecting-IP'));
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async handleSession(webSocket, ip) {
    webSocket.accept(); // expect: require-hibernation #s
    const session = { webSocket, ip, quit: false };
    this.sessions.push(session);
    webSocket.addEventListener('message', async (msg) => { // expect: require-hibernation #s
      const data = JSON.parse(msg.data);
      await this.storage.put(String(Date.now()), data);
      for (const s of this.sessions) if (!s.quit) s.webSocket.send(msg.data);
    });
    webSocket.addEventListener('close', () => { // expect: require-hibernation #s
      session.quit = true;
      this.sessions = this.sessions.filter((s) => s !== session);
    });
  }
}
