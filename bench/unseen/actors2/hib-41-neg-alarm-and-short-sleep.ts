import { DurableObject } from 'cloudflare:workers';

const EXPIRE_AFTER_MS = 30 * 60 * 1000;

export class Session extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    await this.ctx.storage.put('data', await request.text());
    await this.ctx.storage.setAlarm(Date.now() + EXPIRE_AFTER_MS);
    await new Promise((resolve) => setTimeout(resolve, 25));
    return new Response('stored');
  }

  async alarm(): Promise<void> {
    await this.ctx.storage.put('data', null);
  }
}
