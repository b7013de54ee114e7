export class Gate {
  constructor(state, env) {
    this.state = state;
  }

  async fetch(request) {
    const pair = new WebSocketPair();
    if (!request.headers.get('Authorization')) {
      // Accepted only to carry the error frame, and closed right away.
      pair[1].accept();
      pair[1].send(JSON.stringify({ error: 'unauthorized' }));
      pair[1].close(1008, 'unauthorized');
      return new Response(null, { status: 101, webSocket: pair[0] });
    }
    this.state.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketClose(ws, code, reason) {
    ws.close(code, reason);
  }
}
