import { DurableObject } from 'cloudflare:workers';

interface Env {
  ANALYTICS: { writeDataPoint(p: unknown): void };
}

export class Counter extends DurableObject<Env> {
  private hits = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.hits = (await ctx.storage.get<number>('hits')) ?? 0;
    });
    setInterval(() => { // expect: require-hibernation
      void this.ctx.storage.put('hits', this.hits);
    }, 10_000);
  }

  async fetch(_request: Request): Promise<Response> {
    this.hits++;
    return new Response(String(this.hits));
  }
}
