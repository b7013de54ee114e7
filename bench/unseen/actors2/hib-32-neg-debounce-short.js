const SAVE_DEBOUNCE_MS = 400;

export class Document {
  constructor(state, env) {
    this.state = state;
    this.text = '';
  }

  async fetch(request) {
    this.text = await request.text();
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.state.storage.put('text', this.text), SAVE_DEBOUNCE_MS);
    return new Response('ok');
  }
}
