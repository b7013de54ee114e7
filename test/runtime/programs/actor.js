'use strict';
// An actor that keeps a 16-byte view of every 64 KB socket chunk it receives, per client; the figures
// before and after `hibernate` (or with copies kept instead) show what the ArrayBuffers cost.
// Run: node --expose-gc actor.js views|copies|hibernate   (LEAKPROOF_RUNTIME: the runtime's folder)
const { binLeak, copy, hibernate, register } = require(process.env.LEAKPROOF_RUNTIME);

class FrameActor {
  constructor() {
    this.frames = new Map();
  }
  receive(client, chunk, way) {
    let list = this.frames.get(client);
    if (list === undefined) this.frames.set(client, (list = []));
    list.push(way === 'copies' ? copy(chunk, 8, 24) : chunk.subarray(8, 24));
  }
}

const way = process.argv[2];
const actor = new FrameActor();
register('frame-actor', actor);
for (let i = 0; i < 500; i++) actor.receive(`client-${i % 10}`, Buffer.alloc(65536, i & 255), way);

global.gc();
global.gc();
const before = process.memoryUsage().arrayBuffers;
const leaks = binLeak(3);
let hibernated;
if (way === 'hibernate') {
  hibernated = hibernate(actor);
  global.gc();
  global.gc();
}
const after = process.memoryUsage().arrayBuffers;
// The data must be intact after compaction: the piece of chunk i holds 16 bytes of its fill, i & 255.
let intact = true;
for (let c = 0; c < 10; c++) {
  actor.frames.get(`client-${c}`).forEach((piece, position) => {
    const fill = (position * 10 + c) & 255;
    if (!(piece instanceof Buffer) || piece.length !== 16 || piece.some((byte) => byte !== fill)) intact = false;
  });
}
console.log(
  JSON.stringify({
    before,
    after,
    leaks,
    intact,
    hibernated: hibernated && { replaced: hibernated.replaced.length, skipped: hibernated.skipped.length, buffers: hibernated.buffers, expectedFreedBytes: hibernated.expectedFreedBytes, firstPath: hibernated.replaced[0]?.path },
    kept: actor.frames.size,
  }),
);
