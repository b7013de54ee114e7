import { DurableObject } from 'cloudflare:workers';

export class Cursor extends DurableObject {
  async fetch(): Promise<Response> {
    const pair = new WebSocketPair();
    const client = pair[0];
    const server = pair[1];
    server.accept(); // expect: require-hibernation
    server.addEventListener('message', (e) => server.send(String(e.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
}
