import { DurableObject } from 'cloudflare:workers';

export class Lobby extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade') !== 'websocket') return new Response('expected websocket', { status: 426 });
    const [client, server] = Object.values(new WebSocketPair());
    server.accept(); // expect: require-hibernation
    server.addEventListener('message', (event) => server.send(`echo ${event.data}`));
    server.addEventListener('close', () => console.log('gone'));
    return new Response(null, { status: 101, webSocket: client });
  }
}
