export class RateLimiter {
  constructor(state, env) {
    this.state = state;
    this.hits = 0;
  }

  async fetch(request) {
    this.hits++;
    if (!this.ticker) {
      this.ticker = setInterval(async () => { // expect: require-hibernation
        await this.state.storage.put('hits', this.hits);
        this.hits = 0;
      }, 60 * 1000);
    }
    return new Response(String(this.hits));
  }
}
