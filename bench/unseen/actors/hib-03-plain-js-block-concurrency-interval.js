export class Leaderboard {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.scores = new Map();
    ctx.blockConcurrencyWhile(async () => {
      this.scores = (await ctx.storage.get('scores')) || new Map();
    });
  }

  async fetch(request) {
    if (!this.flusher) {
      this.flusher = setInterval(() => this.ctx.storage.put('scores', this.scores), 10_000); // expect: require-hibernation
    }
    const { player, points } = await request.json();
    this.scores.set(player, (this.scores.get(player) || 0) + points);
    return new Response('ok');
  }
}
