'use strict';
// assertNoLeaks with maxSlicedStringBytes under node:test: each check writes a heap snapshot of this
// (small) process. Run by test/runtime/leak-test.test.ts: node --test leak-test-strings.node.js
// (LEAKPROOF_TEST: the path of leakproof/test's entry). Tests 1, 3 and 4 fail on purpose.
const { test } = require('node:test');
const { assertNoLeaks, toRetainAtMost } = require(process.env.LEAKPROOF_TEST);

// Built at run time: each is a fresh flat string of 100,002 one-byte characters.
const line = (tag) => `${tag}:${'x'.repeat(100000)}`;

class TopicActor {
  #last = '';
  constructor() {
    this.name = '';
    this.topics = new Map();
  }
  receive(text, keep) {
    this.name = keep(text.slice(2, 40));
    this.topics.set('t', keep(text.slice(3, 60)));
    this.#last = keep(text.slice(5, 30));
  }
}

test('an actor keeping slices of its messages', () => {
  const actor = new TopicActor();
  actor.receive(line('a'), (piece) => piece);
  assertNoLeaks(actor, { maxSlicedStringBytes: 0 });
});

test('detached copies, a parent the root holds itself, and a limit above the bytes pass', () => {
  const detached = new TopicActor();
  detached.receive(line('b'), (piece) => (' ' + piece).slice(1));
  const whole = line('c');
  const two = { a: line('d').slice(1, 30), b: line('e').slice(1, 30) };
  assertNoLeaks({ detached, whole, piece: whole.slice(1, 40), two }, { maxSlicedStringBytes: 300000 });
});

test('views and strings in one message', () => {
  class State {
    #last = line('f').slice(2, 30);
    constructor() {
      this.header = Buffer.alloc(65536).subarray(0, 16);
      this.topic = line('g').slice(2, 30);
    }
  }
  assertNoLeaks(new State(), { maxSlicedStringBytes: 0 });
});

test('toRetainAtMost checks strings with maxSlicedStringBytes', () => {
  const result = toRetainAtMost.call({ isNot: false }, { topic: line('h').slice(2, 30) }, 0, { maxSlicedStringBytes: 0 });
  if (!result.pass) throw new Error(result.message());
});
