export class Quiz {
  constructor(state, env) {
    this.state = state;
    this.players = new Map();
  }

  async fetch(request) {
    const name = new URL(request.url).searchParams.get('name');
    const pair = new WebSocketPair();
    this.state.acceptWebSocket(pair[1]);
    this.players.set(pair[1], { name, score: 0 }); // expect: require-hibernation
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketMessage(ws, message) {
    const player = this.players.get(ws);
    if (message === 'correct') player.score++;
    ws.send(JSON.stringify(player));
  }

  async webSocketClose(ws, code) {
    this.players.delete(ws);
    ws.close(code, 'bye');
  }
}
