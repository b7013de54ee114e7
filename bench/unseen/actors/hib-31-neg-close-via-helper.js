export class Lounge {
  constructor(state, env) {
    this.state = state;
    this.names = new Map();
  }

  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws, message) {
    for (const peer of this.state.getWebSockets()) peer.send(message);
  }

  async webSocketClose(ws, code, reason) {
    this.cleanup(ws, code, reason);
  }

  cleanup(ws, code, reason) {
    ws.close(code, reason);
  }
}
