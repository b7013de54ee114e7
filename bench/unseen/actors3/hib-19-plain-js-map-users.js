export class Room {
  constructor(state, env) {
    this.state = state;
    this.users = new Map(); // expect: require-hibernation #u
  }

  async fetch(request) {
    const user = new URL(request.url).searchParams.get('user');
    const pair = new WebSocketPair();
    this.state.acceptWebSocket(pair[1]);
    this.users.set(pair[1], { user, joined: Date.now() }); // expect: require-hibernation #u
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketMessage(ws, message) {
    const who = this.users.get(ws);
    for (const other of this.state.getWebSockets()) other.send(`${who?.user}: ${message}`);
  }

  async webSocketClose(ws, code) {
    this.users.delete(ws);
    ws.close(code, 'closing');
  }
}
