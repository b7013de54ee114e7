// The matcher as vitest users register it: expect.extend(matchers) from leakproof/test
// (LEAKPROOF_TEST: the path of its entry). Run by test/runtime/leak-test.test.ts.
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';

const { matchers } = createRequire(import.meta.url)(process.env.LEAKPROOF_TEST);
expect.extend(matchers);

class FrameActor {
  constructor(keep) {
    this.frames = new Map();
    this.keep = keep;
  }
  receive(id, chunk) {
    this.frames.set(id, this.keep(chunk));
  }
}

test('the fixed actor retains at most 0 unused bytes', () => {
  const actor = new FrameActor((chunk) => Uint8Array.prototype.slice.call(chunk, 0, 16));
  actor.receive('a', Buffer.alloc(65536, 1));
  expect(actor).toRetainAtMost(0);
});

test('the leaky actor retains at most 0 unused bytes', () => {
  const actor = new FrameActor((chunk) => chunk.subarray(0, 16));
  actor.receive('a', Buffer.alloc(65536, 1));
  expect(actor).toRetainAtMost(0);
});

test('the leaky actor is caught by .not', () => {
  const actor = new FrameActor((chunk) => chunk.subarray(0, 16));
  actor.receive('a', Buffer.alloc(65536, 1));
  expect(actor).not.toRetainAtMost(1000);
});
