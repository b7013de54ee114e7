import { DurableObject } from 'cloudflare:workers';

export class Reminder extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const at = Number(new URL(request.url).searchParams.get('at'));
    await this.ctx.storage.put('message', await request.text());
    await this.ctx.storage.setAlarm(at);
    return new Response('scheduled');
  }

  async alarm(): Promise<void> {
    const message = await this.ctx.storage.get<string>('message');
    console.log('reminder', message);
  }
}
