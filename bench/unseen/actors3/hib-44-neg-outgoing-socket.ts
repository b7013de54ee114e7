import { DurableObject } from 'cloudflare:workers';

// An outgoing connection to an upstream feed: client sockets cannot hibernate, accept() is required.
export class Upstream extends DurableObject {
  private upstream: WebSocket | null = null;

  async fetch(_request: Request): Promise<Response> {
    if (!this.upstream) {
      const resp = await fetch('https://feed.example.com/ws', { headers: { Upgrade: 'websocket' } });
      const ws = (resp as Response & { webSocket: WebSocket | null }).webSocket;
      if (!ws) return new Response('no upstream', { status: 502 });
      ws.accept();
      ws.addEventListener('message', (e) => {
        void this.ctx.storage.put('last', String(e.data));
      });
      this.upstream = ws;
    }
    return new Response('connected');
  }
}
