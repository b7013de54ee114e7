import { DurableObject } from 'cloudflare:workers';

const FLUSH_EVERY = 15 * 1000;

export class MetricsBucket extends DurableObject {
  private points: number[] = [];
  private ticker?: ReturnType<typeof setInterval>;

  async fetch(request: Request): Promise<Response> {
    this.points.push(Number(await request.text()));
    this.ticker ??= setInterval(() => this.flush(), FLUSH_EVERY); // expect: require-hibernation
    return new Response('queued');
  }

  private async flush(): Promise<void> {
    await this.ctx.storage.put(`batch:${Date.now()}`, this.points.splice(0));
  }
}
