function acceptSocket(ws, onText) {
  ws.accept(); // expect: require-hibernation #h
  ws.addEventListener('message', (e) => onText(e.data)); // expect: require-hibernation #h
}

export class Notes {
  constructor(state, env) {
    this.state = state;
    this.env = env;
    this.sockets = [];
  }

  async fetch(request) {
    const pair = new WebSocketPair();
    const server = pair[1];
    acceptSocket(server, (text) => this.state.storage.put(`note:${Date.now()}`, text)); // expect: require-hibernation #h
    this.sockets.push(server);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
}
