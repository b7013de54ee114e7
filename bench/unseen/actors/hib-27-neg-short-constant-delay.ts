import { DurableObject } from 'cloudflare:workers';

const RETRY_MS = 50;

export class Retrier extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await fetch(request.url);
      if (res.ok) return res;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    return new Response('upstream failed', { status: 502 });
  }
}
