import { DurableObject } from 'cloudflare:workers';

export class UpstreamBridge extends DurableObject {
  private upstream?: WebSocket;

  // An outgoing connection made by fetch(): only incoming sockets can hibernate, so accept() is right.
  private async connect(): Promise<WebSocket> {
    const resp = await fetch('https://feed.example.com/stream', { headers: { Upgrade: 'websocket' } });
    const ws = resp.webSocket;
    if (!ws) throw new Error('upstream refused the upgrade');
    ws.accept();
    ws.addEventListener('message', (e) => this.fanOut(String(e.data)));
    return ws;
  }

  async fetch(request: Request): Promise<Response> {
    this.upstream ??= await this.connect();
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  private fanOut(text: string): void {
    for (const ws of this.ctx.getWebSockets()) ws.send(text);
  }
}
