import { DurableObject } from 'cloudflare:workers';

function acceptPair(pair: WebSocketPair): WebSocket {
  const ws = pair[1];
  ws.accept(); // expect: require-hibernation
  return ws;
}

export class Ticker extends DurableObject {
  private subscribers = new Set<WebSocket>();

  async fetch(): Promise<Response> {
    const pair = new WebSocketPair();
    const ws = acceptPair(pair);
    this.subscribers.add(ws);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  publish(text: string): void {
    for (const ws of this.subscribers) {
      try {
        ws.send(text);
      } catch {
        this.subscribers.delete(ws);
      }
    }
  }
}
