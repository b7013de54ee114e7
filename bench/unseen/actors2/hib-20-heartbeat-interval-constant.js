const HEARTBEAT_MS = 30_000;

export class Feed {
  constructor(state, env) {
    this.state = state;
    this.heartbeat = setInterval(() => { // expect: require-hibernation
      for (const ws of this.state.getWebSockets()) ws.send('ping');
    }, HEARTBEAT_MS);
  }

  async fetch(request) {
    const pair = new WebSocketPair();
    this.state.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketClose(ws, code, reason) {
    ws.close(code, reason);
  }
}
