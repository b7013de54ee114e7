export class Notifier {
  constructor(state, env) {
    this.state = state;
  }

  async fetch(request) {
    const pair = new WebSocketPair();
    const server = pair[1];
    this.state.acceptWebSocket(server, ['alerts']);
    server.addEventListener('close', () => console.log('subscriber left')); // expect: require-hibernation
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketMessage(ws, message) {
    for (const s of this.state.getWebSockets('alerts')) s.send(message);
  }
}
