// A stateless Worker (no Durable Object): nothing to hibernate; the socket lives as long as the request.
export default {
  async fetch(request) {
    if (request.headers.get('Upgrade') !== 'websocket') return new Response('ws only', { status: 426 });
    const pair = new WebSocketPair();
    const server = pair[1];
    server.accept();
    server.addEventListener('message', (e) => server.send(`echo ${e.data}`));
    return new Response(null, { status: 101, webSocket: pair[0] });
  },
};
