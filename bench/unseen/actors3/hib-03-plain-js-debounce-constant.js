const PERSIST_DELAY_MS = 2_000;

export class Whiteboard {
  constructor(state, env) {
    this.state = state;
    this.env = env;
    this.strokes = [];
    this.pending = null;
  }

  async fetch(request) {
    const stroke = await request.json();
    this.strokes.push(stroke);
    if (!this.pending) {
      this.pending = setTimeout(() => this.persist(), PERSIST_DELAY_MS); // expect: require-hibernation
    }
    return new Response('ok');
  }

  async persist() {
    this.pending = null;
    await this.state.storage.put('strokes', this.strokes);
  }
}
