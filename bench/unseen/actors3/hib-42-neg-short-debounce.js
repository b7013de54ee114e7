const FLUSH_MS = 250;

export class Typing {
  constructor(state, env) {
    this.state = state;
    this.env = env;
    this.timer = undefined;
    this.buffer = [];
  }

  async fetch(request) {
    this.buffer.push(await request.text());
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), FLUSH_MS);
    return new Response('queued');
  }

  async flush() {
    const items = this.buffer;
    this.buffer = [];
    await this.state.storage.put(`batch:${Date.now()}`, items);
  }
}
