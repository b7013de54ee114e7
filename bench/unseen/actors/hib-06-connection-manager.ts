import { DurableObject } from 'cloudflare:workers';

class ConnectionManager {
  private readonly sockets = new Set<WebSocket>();

  add(ws: WebSocket): void {
    ws.accept(); // expect: require-hibernation
    this.sockets.add(ws);
    ws.addEventListener('message', (e) => this.fanOut(String(e.data)));
    ws.addEventListener('close', () => this.sockets.delete(ws));
  }

  private fanOut(text: string): void {
    for (const s of this.sockets) s.send(text);
  }
}

export class Channel extends DurableObject {
  private readonly connections = new ConnectionManager();

  async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.connections.add(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}
