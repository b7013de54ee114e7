// Source and program at once, for `leakproof heap --source` (test/heap/source.test.ts): it is linted,
// then run to write a heap snapshot to process.argv[2].
// - a 'message' handler keeps views of 64 KiB messages in `answers`, a variable of its enclosing function
//   (a closure context variable in the snapshot);
// - a base class's handler keeps views in `this.frames`, on instances of a subclass;
// - `cache.latest` holds a view no rule reports (it is stored by a helper the rules do not follow).
'use strict';
const v8 = require('node:v8');
const { EventEmitter } = require('node:events');

function startResolver(port) {
  const answers = new Map();
  port.on('message', (msg) => {
    answers.set(msg.readUInt16BE(0), msg.subarray(40));
  });
}

class FrameActor {
  constructor() {
    this.frames = [];
  }
  onData(chunk) {
    this.frames.push(chunk.subarray(0, 16));
  }
}

class AuditedActor extends FrameActor {}

const cache = { latest: null };

function remember(target, value) {
  target.latest = value;
}

if (require.main === module) {
  const port = new EventEmitter();
  startResolver(port);
  for (let i = 0; i < 8; i++) port.emit('message', Buffer.alloc(64 * 1024, i));
  const actor = new AuditedActor();
  for (let i = 0; i < 4; i++) actor.onData(Buffer.alloc(64 * 1024, i));
  remember(cache, Buffer.alloc(128 * 1024).subarray(0, 8));
  globalThis.port = port;
  globalThis.actor = actor;
  globalThis.cache = cache;
  v8.writeHeapSnapshot(process.argv[2]);
}
