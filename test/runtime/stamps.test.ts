import * as util from 'node:util';
import { stamp, stampOf } from '../../src/runtime/stamps';

// The loader's record of a view: its site id in a private field (src/runtime/stamps.ts). The program must
// not be able to tell a stamped view from an unstamped one.

const ID = 'app.js\u000012\u000030\u0000subarray\u0000leakproof/no-retained-view';

/** What the program can observe of a view: keys, symbols, descriptors, printing, cloning, extensibility. */
function observe(view: ArrayBufferView): unknown {
  return {
    keys: Reflect.ownKeys(view).map(String),
    symbols: Object.getOwnPropertySymbols(view).length,
    descriptors: Object.keys(Object.getOwnPropertyDescriptors(view)).length,
    json: JSON.stringify(view),
    inspect: util.inspect(view, { showHidden: true }),
    clone: util.inspect(structuredClone(view), { showHidden: true }),
    extensible: Object.isExtensible(view),
    proxyKeys: Reflect.ownKeys(new Proxy(view, {})).length,
  };
}

describe('stamps', () => {
  it('a view carries the id it was stamped with; a second stamp keeps the first', () => {
    const view = Buffer.alloc(65536).subarray(4, 20);
    expect(stampOf(view)).toBeUndefined();
    expect(stamp(view, ID)).toBe(true);
    expect(stampOf(view)).toBe(ID);
    expect(stamp(view, 'elsewhere')).toBe(false);
    expect(stampOf(view)).toBe(ID);
  });

  it('any object can be asked, and only stamped ones answer', () => {
    expect(stampOf({})).toBeUndefined();
    expect(stampOf(new Uint8Array(4))).toBeUndefined();
    const window = new DataView(new ArrayBuffer(8192), 8, 4);
    stamp(window, ID);
    expect(stampOf(window)).toBe(ID);
    expect(stampOf(new DataView(window.buffer, 8, 4))).toBeUndefined();
  });

  it.each([
    ['Buffer', () => Buffer.alloc(8192).subarray(8, 12)],
    ['Uint8Array', () => new Uint8Array(new ArrayBuffer(8192), 8, 4)],
    ['Float64Array', () => new Float64Array(new ArrayBuffer(8192), 8, 2)],
    ['DataView', () => new DataView(new ArrayBuffer(8192), 8, 4)],
  ])('a stamped %s looks the same to the program as an unstamped one', (_name, make) => {
    const plain = make();
    const stamped = make();
    stamp(stamped, ID);
    expect(stampOf(stamped)).toBe(ID);
    expect(observe(stamped)).toEqual(observe(plain));
  });

  it('a non-extensible view is stamped (Node 20) and stays non-extensible', () => {
    const view = Object.preventExtensions(Buffer.alloc(8192).subarray(0, 4));
    expect(stamp(view, ID)).toBe(true);
    expect(stampOf(view)).toBe(ID);
    expect(Object.isExtensible(view)).toBe(false);
    expect(Reflect.ownKeys(view)).toEqual(['0', '1', '2', '3']);
  });
});
