// The shape of a Durable Object written before the DurableObject base class.
export class ChatRoom {
  constructor(state, env) {
    this.storage = state.storage;
    this.env = env;
    this.sessions = [];
  }

  async fetch(request) {
    const pair = new WebSocketPair();
    await this.handleSession(pair[1], request.headers.get('CF-Connecting-IP'));
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async handleSession(webSocket, ip) {
    webSocket.accept(); // expect: require-hibernation
    const session = { webSocket, ip, blockedMessages: [] };
    this.sessions.push(session);
    webSocket.addEventListener('message', async (msg) => {
      const data = JSON.parse(msg.data);
      await this.storage.put(String(Date.now()), data);
      this.broadcast(msg.data);
    });
    webSocket.addEventListener('close', () => {
      this.sessions = this.sessions.filter((s) => s !== session);
    });
  }

  broadcast(message) {
    for (const s of this.sessions) s.webSocket.send(message);
  }
}
