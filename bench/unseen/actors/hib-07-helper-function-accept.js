function serve(ws, room) {
  ws.accept(); // expect: require-hibernation
  ws.addEventListener('message', (e) => room.relay(e.data));
}

export class GameRoom {
  constructor(state, env) {
    this.state = state;
    this.players = [];
  }

  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.players.push(server);
    serve(server, this);
    return new Response(null, { status: 101, webSocket: client });
  }

  relay(data) {
    for (const p of this.players) p.send(data);
    this.state.storage.put('last', data);
  }
}
