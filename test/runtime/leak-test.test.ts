import { AssertionError } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertNoLeaks, checkLeaks, matchers, type LeakMatchers } from '../../src/test';
import { checkHeapSize, MAX_HEAP_BYTES } from '../../src/test/strings';
import { buildLeakTest } from './helpers';

expect.extend(matchers);

// The augmentation users add for @types/jest (docs/runtime.md).
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> extends LeakMatchers<R> {}
  }
}

class SessionActor {
  readonly frames = new Map<string, Buffer[]>();
  receive(client: string, chunk: Buffer, keep: (chunk: Buffer) => Buffer): void {
    let list = this.frames.get(client);
    if (list === undefined) this.frames.set(client, (list = []));
    list.push(keep(chunk));
  }
}

function leakyActor(): SessionActor {
  const actor = new SessionActor();
  actor.receive('client-1', Buffer.alloc(65536, 1), (chunk) => chunk.subarray(0, 16));
  actor.receive('client-1', Buffer.alloc(32768, 2), (chunk) => chunk.subarray(8, 24));
  return actor;
}

function fixedActor(): SessionActor {
  const actor = new SessionActor();
  actor.receive('client-1', Buffer.alloc(65536, 1), (chunk) => Uint8Array.prototype.slice.call(chunk, 0, 16) as Buffer);
  return actor;
}

function failure(fn: () => void): AssertionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AssertionError) return error;
    throw error;
  }
  throw new Error('expected an AssertionError');
}

describe('assertNoLeaks', () => {
  it('throws an AssertionError listing each holder path, the view and the bytes it pins', () => {
    const error = failure(() => assertNoLeaks(leakyActor()));
    expect(error.message).toBe(
      [
        'assertNoLeaks: 2 ArrayBuffers are kept alive through views, 98,272 bytes unused (at most 0 bytes allowed):',
        '  frames.get("client-1")[0]: Buffer [0, 16) of a 65,536-byte ArrayBuffer pins 65,520 bytes',
        '  frames.get("client-1")[1]: Buffer [8, 24) of a 32,768-byte ArrayBuffer pins 32,752 bytes',
        'Keep exact copies instead of views: copy(view) from leakproof/runtime, or Uint8Array.prototype.slice.call(view).',
      ].join('\n'),
    );
    expect(error.actual).toBe(98272);
    expect(error.expected).toBe(0);
    expect(error.operator).toBe('assertNoLeaks');
  });

  it('passes for exact copies, and within maxWastedBytes', () => {
    expect(() => assertNoLeaks(fixedActor())).not.toThrow();
    expect(() => assertNoLeaks(leakyActor(), { maxWastedBytes: 98272 })).not.toThrow();
    expect(() => assertNoLeaks(leakyActor(), { maxWastedBytes: 98271 })).toThrow(AssertionError);
  });

  it('names typed arrays and DataViews, counts several views of one ArrayBuffer once, and lists at most maxListed', () => {
    const big = new ArrayBuffer(4096);
    const state = { a: new Float32Array(big, 0, 2), b: new DataView(big, 8, 8), c: [new Uint16Array(1024).subarray(0, 4), new Uint8Array(2048).subarray(1, 2)] };
    const error = failure(() => assertNoLeaks(state, { maxListed: 2 }));
    expect(error.message.split('\n')).toEqual([
      'assertNoLeaks: 3 ArrayBuffers are kept alive through views, 8,167 bytes unused (at most 0 bytes allowed):',
      '  a: Float32Array [0, 8) of a 4,096-byte ArrayBuffer pins 4,080 bytes (and 1 more view of it)',
      '  c[1]: Uint8Array [1, 2) of a 2,048-byte ArrayBuffer pins 2,047 bytes',
      '  … and 1 more ArrayBuffers',
      'Keep exact copies instead of views: copy(view) from leakproof/runtime, or Uint8Array.prototype.slice.call(view).',
    ]);
  });

  it('says when a small Buffer copy pins a pool slab', () => {
    const small = Buffer.from('a pooled copy');
    const error = failure(() => assertNoLeaks({ names: [small] }));
    expect(error.message.split('\n')[1]).toBe(
      `  names[0]: Buffer [${small.byteOffset}, ${small.byteOffset + 13}) of a ${Buffer.poolSize.toLocaleString('en-US')}-byte ArrayBuffer (a Buffer-pool slab) pins ${(Buffer.poolSize - 13).toLocaleString('en-US')} bytes`,
    );
  });

  it('fails, rather than passes, when the walk cannot finish', () => {
    const state = { list: Array.from({ length: 50 }, () => new Map([[1, new Uint8Array(1)]])) };
    const error = failure(() => assertNoLeaks(state, { maxNodes: 10 }));
    expect(error.message).toBe('assertNoLeaks: the walk stopped at maxNodes after 10 objects, so what it did not reach is unchecked; raise maxNodes or check a smaller root');
  });

  it('rejects bad options with a TypeError', () => {
    expect(() => assertNoLeaks({}, { maxWastedBytes: -1 })).toThrow(new TypeError('leakproof/test: maxWastedBytes must be a number of 0 or more, not -1'));
    expect(() => assertNoLeaks({}, { maxWasted: 1 } as never)).toThrow(new TypeError('leakproof/test: unknown option maxWasted'));
    expect(() => assertNoLeaks({}, { maxSlicedStringBytes: -5 })).toThrow(new TypeError('leakproof/test: maxSlicedStringBytes must be a number of 0 or more, not -5'));
  });

  it('checkLeaks returns the figures without asserting', () => {
    const check = checkLeaks(leakyActor());
    expect(check.wastedBytes).toBe(98272);
    expect(check.pinned[0]).toEqual({
      path: 'frames.get("client-1")[0]',
      view: 'Buffer',
      byteOffset: 0,
      byteLength: 16,
      views: 1,
      arrayBufferBytes: 65536,
      usedBytes: 16,
      wastedBytes: 65520,
      pooled: false,
    });
    expect(check.truncatedBy).toBeUndefined();
  });
});

describe('assertNoLeaks with maxSlicedStringBytes', () => {
  it('refuses to snapshot a process whose heap is too large, with the reason', () => {
    expect(() => checkHeapSize(MAX_HEAP_BYTES)).not.toThrow();
    expect(() => checkHeapSize(300 * 1048576)).toThrow(
      new Error(
        "leakproof/test: maxSlicedStringBytes takes a heap snapshot of the whole process, and this one's JavaScript heap is 300 MiB (over 200 MiB): " +
          'check strings in a smaller process (node --test on that file, or jest on that file alone) or write a snapshot and run leakproof heap on it',
      ),
    );
  });
});

describe('toRetainAtMost under jest', () => {
  it('passes and fails as the assertion does, with the same listing', () => {
    expect(fixedActor()).toRetainAtMost(0);
    expect(leakyActor()).toRetainAtMost(100_000);
    expect(leakyActor()).not.toRetainAtMost(1000);
    expect(() => expect(leakyActor()).toRetainAtMost(1000)).toThrow(
      'toRetainAtMost: 2 ArrayBuffers are kept alive through views, 98,272 bytes unused (at most 1,000 bytes allowed):\n  frames.get("client-1")[0]: Buffer [0, 16) of a 65,536-byte ArrayBuffer pins 65,520 bytes',
    );
    expect(() => expect(fixedActor()).not.toRetainAtMost(0)).toThrow(
      'toRetainAtMost: expected views to keep more than 0 bytes of ArrayBuffers unused, found 0 bytes',
    );
  });

  it('fails both ways when the walk is cut short', () => {
    const state = { list: Array.from({ length: 50 }, () => new Map([[1, new Uint8Array(1)]])) };
    expect(() => expect(state).toRetainAtMost(0, { maxNodes: 10 })).toThrow('the walk stopped at maxNodes');
    expect(() => expect(state).not.toRetainAtMost(0, { maxNodes: 10 })).toThrow('the walk stopped at maxNodes');
  });
});

describe('leakproof/test under node:test and vitest (child processes)', () => {
  const built = buildLeakTest();
  afterAll(built.cleanup);

  it('assertNoLeaks fails the leaky test and passes the fixed one, with the listing in the output', () => {
    const program = path.join(__dirname, 'programs', 'leak-test.node.js');
    expect(fs.existsSync(program)).toBe(true);
    const result = spawnSync(process.execPath, ['--test', '--test-reporter=tap', program], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, LEAKPROOF_TEST: built.testEntry },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^ok \d+ - the fixed actor keeps exact copies$/m);
    expect(result.stdout).toMatch(/^not ok \d+ - the leaky actor keeps views of its chunks$/m);
    expect(result.stdout).toContain('assertNoLeaks: 1 ArrayBuffer is kept alive through views, 65,520 bytes unused (at most 0 bytes allowed):');
    expect(result.stdout).toContain('frames[0]: Buffer [0, 16) of a 65,536-byte ArrayBuffer pins 65,520 bytes');
    expect(result.stdout).toMatch(/code: 'ERR_ASSERTION'/);
    expect(result.stdout).toMatch(/^# pass 1$/m);
    expect(result.stdout).toMatch(/^# fail 1$/m);
  });

  it('maxSlicedStringBytes lists the sliced strings a root keeps, from a heap snapshot of a node:test process', () => {
    const program = path.join(__dirname, 'programs', 'leak-test-strings.node.js');
    const result = spawnSync(process.execPath, ['--test', '--test-reporter=tap', program], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, LEAKPROOF_TEST: built.testEntry },
    });
    const out = result.stdout;
    expect(result.status).toBe(1);
    // The parents are 100,002 one-byte characters: V8's header and rounding make them 100,024 bytes (Node 20).
    // A private field's edge comes first in V8's order, so `#last` names the piece the three share.
    const parent = String.raw`\d{3},\d{3}`;
    expect(out).toMatch(/^not ok 1 - an actor keeping slices of its messages$/m);
    expect(out).toMatch(new RegExp(String.raw`assertNoLeaks: 1 parent string is kept alive by sliced strings, ${parent} bytes \(at most 0 bytes allowed\):\n\s+#last: sliced string keeps its ${parent}-byte parent string \(and 2 more pieces of it\)\n\s+Keep flat copies of the pieces`));
    expect(out).toMatch(/^ok 2 - detached copies, a parent the root holds itself, and a limit above the bytes pass$/m);
    expect(out).toMatch(new RegExp(String.raw`^not ok 3 - views and strings in one message$`, 'm'));
    expect(out).toMatch(
      new RegExp(
        String.raw`assertNoLeaks: 1 ArrayBuffer is kept alive through views, 65,520 bytes unused \(at most 0 bytes allowed\):\n\s+header: Buffer \[0, 16\) of a 65,536-byte ArrayBuffer pins 65,520 bytes\n.*\n\s+assertNoLeaks: 2 parent strings are kept alive by sliced strings, ${parent} bytes \(at most 0 bytes allowed\):\n\s+#last: sliced string keeps its ${parent}-byte parent string\n\s+topic: sliced string keeps its ${parent}-byte parent string\n`,
      ),
    );
    expect(out).toMatch(/^not ok 4 - toRetainAtMost checks strings with maxSlicedStringBytes$/m);
    expect(out).toMatch(/toRetainAtMost: 1 parent string is kept alive by sliced strings/);
    expect(out).toMatch(/^# pass 1$/m);
    expect(out).toMatch(/^# fail 3$/m);
  });

  it('toRetainAtMost registers with expect.extend under vitest', () => {
    const vitest = path.join(__dirname, '..', '..', 'node_modules', 'vitest', 'vitest.mjs');
    const result = spawnSync(process.execPath, [vitest, 'run', '--config', path.join(__dirname, 'programs', 'vitest.config.mjs'), '--reporter=verbose', '--color=false'], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, LEAKPROOF_TEST: built.testEntry, NO_COLOR: '1', CI: '1' },
    });
    const output = result.stdout + result.stderr;
    expect(result.status).toBe(1);
    expect(output).toMatch(/✓ leak-test\.vitest\.mjs > the fixed actor retains at most 0 unused bytes/);
    expect(output).toMatch(/× leak-test\.vitest\.mjs > the leaky actor retains at most 0 unused bytes/);
    expect(output).toMatch(/✓ leak-test\.vitest\.mjs > the leaky actor is caught by \.not/);
    expect(output).toContain('toRetainAtMost: 1 ArrayBuffer is kept alive through views, 65,520 bytes unused (at most 0 bytes allowed):');
    expect(output).toContain('frames.get("a"): Buffer [0, 16) of a 65,536-byte ArrayBuffer pins 65,520 bytes');
    expect(output).toMatch(/Tests +1 failed \| 2 passed \(3\)/);
  });
});
