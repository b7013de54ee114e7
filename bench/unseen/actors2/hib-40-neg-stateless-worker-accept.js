// A stateless Worker (no Durable Object): there is nothing to hibernate, accept() is the API.
export default {
  async fetch(request, env) {
    if (request.headers.get('Upgrade') !== 'websocket') return new Response('ok');
    const pair = new WebSocketPair();
    const server = pair[1];
    server.accept();
    server.addEventListener('message', (e) => server.send(`echo: ${e.data}`));
    return new Response(null, { status: 101, webSocket: pair[0] });
  },
};
