import { DurableObject } from 'cloudflare:workers';

export class Presence extends DurableObject {
  private readonly online = new Set<WebSocket>();

  async fetch(_request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept(); // expect: require-hibernation #a
    this.online.add(server);
    server.addEventListener('message', (event) => { // expect: require-hibernation #a
      for (const ws of this.online) if (ws !== server) ws.send(event.data as string);
    });
    server.addEventListener('close', () => this.online.delete(server)); // expect: require-hibernation #a
    return new Response(null, { status: 101, webSocket: client });
  }
}
