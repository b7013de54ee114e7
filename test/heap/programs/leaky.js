// Builds known retention, then writes a heap snapshot to process.argv[2]:
// - SessionActor.frames (a Map) holds 10 16-byte views of 64 KiB chunks: 10 ArrayBuffers, 640 KiB;
// - global.pinned holds 40 small Buffer.from copies, each pinning its own 8 KiB pool slab (other pooled
//   allocations fill the rest of each slab);
// - global.names holds 5 30-character slices of 100 000-character strings (sliced strings).
'use strict';
const v8 = require('node:v8');

class SessionActor {
  constructor() {
    this.frames = new Map();
  }
  onData(id, chunk) {
    this.frames.set(id, chunk.subarray(0, 16));
  }
}

function build() {
  const actor = new SessionActor();
  for (let i = 0; i < 10; i++) actor.onData(i, Buffer.alloc(64 * 1024, i));
  globalThis.actor = actor;

  const pinned = [];
  for (let i = 0; i < 40; i++) {
    for (let j = 0; j < 4; j++) Buffer.from('x'.repeat(2000)); // transient pooled allocations
    pinned.push(Buffer.from(Buffer.alloc(300, i).subarray(0, 16)));
  }
  globalThis.pinned = pinned;

  const names = [];
  for (let i = 0; i < 5; i++) {
    const line = `${String(i).repeat(10)}${'y'.repeat(100000 - 10)}`;
    names.push(line.slice(3, 33));
  }
  globalThis.names = names;
}

build();
// A new macrotask: nothing built above is on the stack or in a handle scope any more.
setImmediate(() => {
  v8.writeHeapSnapshot(process.argv[2]);
});
