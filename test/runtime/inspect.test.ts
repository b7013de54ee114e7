import { inspect } from '../../src/runtime';

class Session {
  readonly frames = new Map<string, Buffer[]>();
  constructor(readonly id: string) {}
}

describe('inspect', () => {
  it('groups views by ArrayBuffer and reports used, retained and wasted bytes with readable paths', () => {
    const session = new Session('s1');
    const chunk = Buffer.alloc(65536);
    const other = Buffer.alloc(8192);
    session.frames.set('client-7', [other.subarray(0, 4096), other.subarray(0, 10), chunk.subarray(0, 16), chunk.subarray(8, 24)]);
    const result = inspect(session);
    expect(result).toMatchObject({
      views: 4,
      buffers: 2,
      retainedBytes: 65536 + 8192,
      usedBytes: 24 + 4096, // overlapping ranges count once
      wastedBytes: 65536 - 24 + 8192 - 4096,
      truncated: false,
    });
    expect(result.top[0]).toEqual({
      byteLength: 65536,
      usedBytes: 24,
      wastedBytes: 65512,
      views: 2,
      paths: ['frames.get("client-7")[2]', 'frames.get("client-7")[3]'],
      pooled: false,
      shared: false,
      direct: false,
    });
    expect(result.top[1]!.paths[0]).toBe('frames.get("client-7")[0]');
  });

  it('counts a directly reachable ArrayBuffer as fully used', () => {
    const ab = new ArrayBuffer(10_000);
    const result = inspect({ ab, view: new Uint8Array(ab, 0, 10) });
    expect(result).toMatchObject({ retainedBytes: 10_000, usedBytes: 10_000, wastedBytes: 0, buffers: 1, views: 1 });
    expect(result.top[0]!.direct).toBe(true);
  });

  it('flags Buffers that pin a pool slab, from Buffer.poolSize', () => {
    const small = Buffer.from('a small pooled buffer');
    const result = inspect({ names: [small] });
    expect(result.top[0]).toMatchObject({ byteLength: Buffer.poolSize, usedBytes: small.length, pooled: true });
  });

  it('walks Map keys, Sets, symbol keys, null-prototype objects, class fields and DataViews', () => {
    const big = new ArrayBuffer(4096);
    const key = new DataView(big, 0, 4);
    const tag = Symbol('tag');
    const state = Object.assign(Object.create(null) as Record<PropertyKey, unknown>, {
      byKey: new Map([[key, 'x']]),
      set: new Set([new Float32Array(big, 8, 2)]),
      [tag]: { deep: new Uint16Array(big, 16, 4) },
    });
    const result = inspect(state, { maxPaths: 10 });
    expect(result.views).toBe(3);
    expect(result.top[0]!.paths).toEqual(['byKey.keys()<<DataView>>', 'set.values()[0]', '[Symbol(tag)].deep']);
    expect(result.top[0]!.usedBytes).toBe(4 + 8 + 8);
  });

  it('finds views below small plain records, and counts shared records once per path', () => {
    const shared = { theme: 'dark', tags: ['a', 'b'] };
    const avatar = Buffer.alloc(65536).subarray(0, 64);
    const state = {
      users: [
        { name: 'ann', prefs: shared },
        { name: 'bob', prefs: shared },
        { name: 'cid', prefs: { theme: 'light', images: { avatar } } },
      ],
    };
    const result = inspect(state);
    expect(result).toMatchObject({ views: 1, wastedBytes: 65536 - 64 });
    expect(result.top[0]!.paths).toEqual(['users[2].prefs.images.avatar']);
    // Walked one by one: state, users, cid, cid's prefs and images, the view (6). Ann's and Bob's records
    // are small plain trees (record, the shared prefs, its tags): 3 objects each, the shared ones counted
    // on both paths.
    expect(result.nodes).toBe(6 + 3 + 3);
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { piece: Buffer.alloc(10_000).subarray(0, 1) };
    const b: Record<string, unknown> = { a };
    a.b = b;
    a.self = a;
    const list: unknown[] = [a, b];
    list.push(list);
    const result = inspect(list);
    expect(result).toMatchObject({ nodes: 4, views: 1, truncated: false, wastedBytes: 9999 });
    expect(result.top[0]!.paths).toEqual(['[0].piece']);
  });

  it('does not call getters, even throwing ones, nor enter proxies, revoked or not', () => {
    let calls = 0;
    const revocable = Proxy.revocable({ hidden: Buffer.alloc(4096).subarray(0, 1) }, {});
    revocable.revoke();
    const trapped = new Proxy(
      {},
      {
        ownKeys() {
          calls++;
          throw new Error('trap');
        },
        getPrototypeOf() {
          calls++;
          throw new Error('trap');
        },
      },
    );
    const state = {
      get boom(): never {
        calls++;
        throw new Error('getter');
      },
      revoked: revocable.proxy,
      trapped,
      list: [revocable.proxy],
      kept: Buffer.alloc(4096).subarray(0, 8),
    };
    Object.defineProperty(state.list, 1, {
      get() {
        calls++;
        throw new Error('element getter');
      },
      enumerable: true,
    });
    const result = inspect(state);
    expect(calls).toBe(0);
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ views: 1, proxies: 2, accessors: 2, wastedBytes: 4088 });
  });

  it('does not throw on exotic roots and values', () => {
    for (const root of [null, undefined, 42, 'text', Symbol('s'), () => 1, new WeakMap(), Promise.resolve(), new Date(), /re/, new String('boxed'), Object.freeze([1]), new Error('e'), globalThis]) {
      const result = inspect(root, { maxNodes: 5000 });
      expect(result.error).toBeUndefined();
    }
  });

  it('walks a 1,000,000-node graph within its bounds and says when it stops', () => {
    // A linked list of 500,000 cells, each with a payload object: 1,000,000 objects, then a view at the end.
    const head: { next?: unknown; payload: object } = { payload: {} };
    let cell = head;
    for (let i = 1; i < 500_000; i++) {
      const next = { payload: { n: i } };
      cell.next = next;
      cell = next;
    }
    (cell as Record<string, unknown>).tail = Buffer.alloc(65536).subarray(0, 16);
    const bounded = inspect(head, { maxNodes: 100_000, maxDepth: 1_000_000 });
    expect(bounded).toMatchObject({ truncated: true, truncatedBy: 'maxNodes', nodes: 100_000, views: 0 });
    const full = inspect(head, { maxNodes: 2_000_000, maxDepth: 1_000_000 });
    expect(full).toMatchObject({ truncated: false, nodes: 1_000_001, views: 1, wastedBytes: 65520 });
    expect(full.top[0]!.paths[0]).toMatch(/^next\.next\..*…\(499936 more\)….*\.next\.tail$/);
    const shallow = inspect(head, { maxNodes: 2_000_000, maxDepth: 10 });
    expect(shallow).toMatchObject({ truncated: true, truncatedBy: 'maxDepth', views: 0 });
    expect(shallow.nodes).toBeLessThan(30);
  });
});
