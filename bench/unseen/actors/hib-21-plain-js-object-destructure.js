export class Whiteboard {
  constructor(state, env) {
    this.state = state;
  }

  async fetch(request) {
    const { 0: client, 1: server } = new WebSocketPair();
    server.accept(); // expect: require-hibernation
    server.addEventListener('message', (event) => this.state.storage.put('strokes', event.data));
    return new Response(null, { status: 101, webSocket: client });
  }
}
