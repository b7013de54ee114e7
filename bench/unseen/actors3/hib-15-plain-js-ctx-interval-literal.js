export class RateLimiter {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
    this.counts = new Map();
    ctx.blockConcurrencyWhile(async () => {
      this.counts = new Map((await ctx.storage.get('counts')) ?? []);
    });
    setInterval(() => { // expect: require-hibernation
      this.counts.clear();
    }, 60000);
  }

  async fetch(request) {
    const ip = request.headers.get('CF-Connecting-IP') ?? '?';
    const n = (this.counts.get(ip) ?? 0) + 1;
    this.counts.set(ip, n);
    return new Response(n > 100 ? 'slow down' : 'ok', { status: n > 100 ? 429 : 200 });
  }
}
