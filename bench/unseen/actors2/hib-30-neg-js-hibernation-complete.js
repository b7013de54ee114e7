// Pre-class Durable Object that uses the Hibernation API throughout.
export class Room {
  constructor(state, env) {
    this.state = state;
    this.env = env;
  }

  async fetch(request) {
    const name = new URL(request.url).searchParams.get('name') || 'guest';
    const pair = new WebSocketPair();
    this.state.acceptWebSocket(pair[1]);
    pair[1].serializeAttachment({ name, joined: Date.now() });
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketMessage(ws, message) {
    const { name } = ws.deserializeAttachment();
    for (const peer of this.state.getWebSockets()) peer.send(`${name}: ${message}`);
  }

  async webSocketClose(ws, code, reason) {
    ws.close(code, reason);
  }

  async webSocketError(ws) {
    ws.close(1011, 'error');
  }
}
