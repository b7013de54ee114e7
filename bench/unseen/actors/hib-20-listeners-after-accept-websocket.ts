import { DurableObject } from 'cloudflare:workers';

export class Notifier extends DurableObject {
  async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.addEventListener('message', (e) => this.notify(String(e.data))); // expect: require-hibernation
    server.addEventListener('close', () => this.notify('closed'));
    return new Response(null, { status: 101, webSocket: client });
  }

  private notify(text: string): void {
    for (const ws of this.ctx.getWebSockets()) ws.send(text);
  }
}
