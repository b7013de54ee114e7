// A constructor(state, env) and nothing else of a Durable Object.
export class Poller {
  constructor(state, env) {
    this.state = state;
    this.env = env;
  }

  start() {
    this.timer = setInterval(() => this.poll(), 30_000);
  }

  poll() {
    this.state.count = (this.state.count || 0) + 1;
  }
}
