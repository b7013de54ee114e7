// Not a Durable Object: a cache client whose constructor also takes two arguments.
export class CachedClient {
  constructor(store, env) {
    this.store = store;
    this.env = env;
    this.entries = new Map();
    setInterval(() => this.entries.clear(), 60_000);
  }

  get(key) {
    return this.entries.get(key) ?? this.store.get(key);
  }
}
