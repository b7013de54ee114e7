export class Editor {
  constructor(state, env) {
    this.state = state;
    this.byId = new Map();
    for (const ws of state.getWebSockets()) this.byId.set(ws.deserializeAttachment().id, ws);
  }

  async fetch(request) {
    const pair = new WebSocketPair();
    const id = crypto.randomUUID();
    this.state.acceptWebSocket(pair[1]);
    pair[1].serializeAttachment({ id });
    this.byId.set(id, pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  webSocketClose(ws) { // expect: require-hibernation
    this.byId.delete(ws.deserializeAttachment().id);
  }
}
