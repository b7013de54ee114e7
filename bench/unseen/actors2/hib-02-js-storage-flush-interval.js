export class Leaderboard {
  constructor(state, env) {
    this.storage = state.storage;
    this.scores = new Map();
    this.dirty = false;
    this.flusher = setInterval(() => this.flush(), 30000); // expect: require-hibernation
  }

  async flush() {
    if (!this.dirty) return;
    this.dirty = false;
    await this.storage.put('scores', Object.fromEntries(this.scores));
  }

  async fetch(request) {
    const { player, points } = await request.json();
    this.scores.set(player, (this.scores.get(player) || 0) + points);
    this.dirty = true;
    return new Response('ok');
  }
}
