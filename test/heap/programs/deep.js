// A 200 000-long linked list whose last node holds a view of a 1 MiB buffer, and a closure variable
// holding views of 256 KiB chunks; the paths must be found without recursion. Snapshot to process.argv[2].
'use strict';
const v8 = require('node:v8');

function build() {
  let head = null;
  for (let i = 0; i < 200000; i++) head = { next: head, data: null };
  let last = head;
  while (last.next) last = last.next;
  last.data = new DataView(new ArrayBuffer(1024 * 1024), 0, 8);
  globalThis.list = head;

  const kept = [];
  globalThis.handler = function onMessage(chunk) {
    kept.push(new Uint8Array(chunk.buffer, 0, 4));
  };
  for (let i = 0; i < 3; i++) globalThis.handler(new Uint8Array(256 * 1024));
}

build();
setImmediate(() => {
  v8.writeHeapSnapshot(process.argv[2]);
});
