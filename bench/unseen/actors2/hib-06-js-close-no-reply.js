export class Presence {
  constructor(state, env) {
    this.state = state;
  }

  async fetch(request) {
    const pair = new WebSocketPair();
    const id = crypto.randomUUID();
    this.state.acceptWebSocket(pair[1], [id]);
    pair[1].serializeAttachment({ id });
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketMessage(ws, message) {
    const { id } = ws.deserializeAttachment();
    for (const peer of this.state.getWebSockets()) if (peer !== ws) peer.send(JSON.stringify({ id, message }));
  }

  async webSocketClose(ws, code, reason, wasClean) { // expect: require-hibernation
    const { id } = ws.deserializeAttachment();
    for (const peer of this.state.getWebSockets()) if (peer !== ws) peer.send(JSON.stringify({ left: id }));
  }
}
