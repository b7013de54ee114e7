import { DurableObject } from 'cloudflare:workers';

export class Upstream extends DurableObject {
  private upstream: WebSocket | null = null;

  async fetch(): Promise<Response> {
    // An outgoing socket: acceptWebSocket cannot take it.
    const response = await fetch('https://feed.example.com/ws', { headers: { Upgrade: 'websocket' } });
    const ws = response.webSocket;
    if (!ws) return new Response('no upgrade', { status: 502 });
    ws.accept();
    ws.addEventListener('message', (e) => void this.ctx.storage.put('last', String(e.data)));
    this.upstream = ws;
    return new Response('connected');
  }
}
