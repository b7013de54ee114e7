import { binLeak, inspect, register, registered, unregister } from '../../src/runtime';
import { buildRuntime, runProgram } from './helpers';

class FrameActor {
  readonly frames = new Map<string, Buffer[]>();
  receive(client: string, chunk: Buffer): void {
    const list = this.frames.get(client) ?? [];
    list.push(chunk.subarray(8, 24));
    this.frames.set(client, list);
  }
}

describe('register and binLeak', () => {
  afterEach(() => {
    for (const name of registered()) unregister(name);
  });

  it('ranks registered actors by wasted bytes and shows the path to the views', () => {
    const leaky = new FrameActor();
    for (let i = 0; i < 20; i++) leaky.receive(`client-${i % 10}`, Buffer.alloc(65536));
    const small = new FrameActor();
    small.receive('client-1', Buffer.alloc(8192));
    const clean = { frames: [Buffer.alloc(16)] };
    expect(register('leaky', leaky)).toBe(true);
    expect(register('small', small)).toBe(true);
    expect(register('clean', clean)).toBe(true);

    const top = binLeak(10);
    expect(top.map((entry) => entry.name)).toEqual(['leaky', 'small']); // nothing wasted: not listed
    expect(top[0]).toMatchObject({ wastedBytes: 20 * (65536 - 16), retainedBytes: 20 * 65536, usedBytes: 20 * 16, truncated: false });
    expect(top[0]!.top[0]!.paths).toEqual(['frames.get("client-0")[0]']);
    expect(binLeak(1).map((entry) => entry.name)).toEqual(['leaky']);
    expect(inspect(leaky).wastedBytes).toBe(top[0]!.wastedBytes);
  });

  it('forgets names on unregister and refuses non-objects', () => {
    const actor = new FrameActor();
    actor.receive('a', Buffer.alloc(65536));
    register('actor', actor);
    expect(unregister('actor')).toBe(true);
    expect(unregister('actor')).toBe(false);
    expect(binLeak()).toEqual([]);
    expect(register('number', 42 as unknown as object)).toBe(false);
  });

  it('does not keep registered targets alive (child process, --expose-gc)', () => {
    const runtime = buildRuntime();
    try {
      const figures = runProgram<{ collected: boolean; namesBefore: string[]; namesAfter: string[]; leaks: string[] }>(runtime.dir, 'weak-registry');
      expect(figures).toMatchObject({
        collected: true,
        namesBefore: ['short-lived', 'long-lived'],
        namesAfter: ['long-lived'],
        leaks: ['long-lived'],
      });
    } finally {
      runtime.cleanup();
    }
  });
});
