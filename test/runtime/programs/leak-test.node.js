'use strict';
// A leak test as users write it with node:test: the leaky actor keeps a view of each chunk, the fixed one
// an exact copy. Run by test/runtime/leak-test.test.ts: node --test leak-test.node.js
// (LEAKPROOF_TEST: the path of leakproof/test's entry).
const { test } = require('node:test');
const { assertNoLeaks } = require(process.env.LEAKPROOF_TEST);

class FrameActor {
  constructor(keep) {
    this.frames = [];
    this.keep = keep;
  }
  receive(chunk) {
    this.frames.push(this.keep(chunk));
  }
}

test('the leaky actor keeps views of its chunks', () => {
  const actor = new FrameActor((chunk) => chunk.subarray(0, 16));
  actor.receive(Buffer.alloc(65536, 1));
  assertNoLeaks(actor);
});

test('the fixed actor keeps exact copies', () => {
  const actor = new FrameActor((chunk) => Uint8Array.prototype.slice.call(chunk, 0, 16));
  actor.receive(Buffer.alloc(65536, 1));
  assertNoLeaks(actor);
});
