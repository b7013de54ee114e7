const openSession = (ws, hub) => {
  ws.accept(); // expect: require-hibernation
  hub.sockets.add(ws);
  ws.addEventListener('message', (e) => hub.onText(ws, e.data));
  ws.addEventListener('close', () => hub.sockets.delete(ws));
};

export class Hub {
  constructor(state, env) {
    this.state = state;
    this.sockets = new Set();
  }

  onText(from, text) {
    for (const s of this.sockets) if (s !== from) s.send(text);
  }

  async fetch(req) {
    const pair = new WebSocketPair();
    openSession(pair[1], this);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
}
