export class ShortLink {
  constructor(state, env) {
    this.state = state;
  }

  async fetch(request) {
    const target = await request.text();
    await this.state.storage.put('target', target);
    setTimeout(() => this.state.storage.deleteAll(), 60 * 60 * 1000); // expect: require-hibernation
    return new Response('created', { status: 201 });
  }
}
