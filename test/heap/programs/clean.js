// The same program with exact copies: nothing is kept through views or slices. Writes a snapshot to process.argv[2].
'use strict';
const v8 = require('node:v8');

class SessionActor {
  constructor() {
    this.frames = new Map();
  }
  onData(id, chunk) {
    this.frames.set(id, Uint8Array.prototype.slice.call(chunk, 0, 16)); // own 16-byte ArrayBuffer
  }
}

function build() {
  const actor = new SessionActor();
  for (let i = 0; i < 10; i++) actor.onData(i, Buffer.alloc(64 * 1024, i));
  globalThis.actor = actor;

  const copies = [];
  for (let i = 0; i < 40; i++) {
    for (let j = 0; j < 4; j++) Buffer.from('x'.repeat(2000));
    copies.push(Uint8Array.prototype.slice.call(Buffer.alloc(300, i), 0, 16));
  }
  globalThis.copies = copies;

  const names = [];
  for (let i = 0; i < 5; i++) {
    const line = `${String(i).repeat(10)}${'y'.repeat(100000 - 10)}`;
    names.push((' ' + line.slice(3, 33)).slice(1)); // flattened copy, no parent
  }
  globalThis.names = names;
}

build();
setImmediate(() => {
  v8.writeHeapSnapshot(process.argv[2]);
});
