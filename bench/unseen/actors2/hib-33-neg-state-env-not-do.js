// A reducer host that happens to take (state, env): nothing in it is a Durable Object.
export class Machine {
  constructor(state, env) {
    this.state = state;
    this.env = env;
    this.listeners = [];
  }

  start() {
    this.timer = setInterval(() => this.tick(), 5000);
  }

  tick() {
    this.state = { ...this.state, ticks: (this.state.ticks || 0) + 1 };
    for (const l of this.listeners) l(this.state);
  }

  stop() {
    clearInterval(this.timer);
  }
}
