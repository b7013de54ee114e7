'use strict';
// The frame-parsing loop bench/runtime.js times: plain, under track(), and instrumented by the loader
// (leakproof/register) from this very file. Kept in its own module so that the loader's transform can
// be applied to it alone.

/** Cuts every frame with subarray, parses it, applies it, keeps 1 in 64 views (the leak it models). */
function parseAll(chunks, state) {
  let applied = 0;
  for (const chunk of chunks) {
    let offset = 0;
    while (offset + 9 <= chunk.length) {
      const length = chunk.readUInt32BE(offset);
      if (length === 0) break;
      const frame = chunk.subarray(offset, offset + length);
      const client = frame.readUInt32BE(5);
      const payload = frame.subarray(9);
      const message = JSON.parse(payload.toString('utf8'));
      const entry = state.get(client) ?? { total: 0, keys: new Map(), last: null };
      if (message.op === 'set') entry.keys.set(message.key, message.value);
      else entry.total += message.value;
      if ((message.seq & 63) === 0) entry.last = payload; // the leak this loop models
      state.set(client, entry);
      applied++;
      offset += length;
    }
  }
  return applied;
}

/** 64 KB chunks full of frames: [u32 length][u8 type][u32 client][JSON payload]. */
function buildChunks(count) {
  const chunks = [];
  let seq = 0;
  let minFrame = Infinity;
  let maxFrame = 0;
  for (let c = 0; c < count; c++) {
    const chunk = Buffer.alloc(65536);
    let offset = 0;
    for (;;) {
      const payload = Buffer.from(JSON.stringify({ seq, op: seq % 3 === 0 ? 'set' : 'add', key: `k${seq % 50}`, value: seq * 7, note: 'x'.repeat(seq % 40) }));
      const length = 9 + payload.length;
      if (offset + length > chunk.length) break;
      chunk.writeUInt32BE(length, offset);
      chunk.writeUInt8(seq % 2, offset + 4);
      chunk.writeUInt32BE(seq % 500, offset + 5);
      payload.copy(chunk, offset + 9);
      offset += length;
      seq++;
      minFrame = Math.min(minFrame, length);
      maxFrame = Math.max(maxFrame, length);
    }
    chunks.push(chunk);
  }
  return { chunks, frames: seq, minFrame, maxFrame };
}

module.exports = { parseAll, buildChunks };

// As a program (bench/runtime.js runs it plain and with --import leakproof/register):
// node --expose-gc bench/frame-loop.js CHUNKS ROUNDS prints {"ms": median loop time, "cpuMs": median CPU time of a
// loop (the process's, collector threads included), "sites": [...]}.
if (require.main === module) {
  const gc = typeof global.gc === 'function' ? global.gc : () => {};
  const { chunks } = buildChunks(Number(process.argv[2]) || 120);
  const times = [];
  const cpuTimes = [];
  let state;
  (async () => {
    for (let round = 0; round < (Number(process.argv[3]) || 8) + 2; round++) {
      gc();
      state = new Map();
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      parseAll(chunks, state);
      const cpu = process.cpuUsage(cpuStart);
      if (round >= 2) {
        // 2 warm-up rounds
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        cpuTimes.push((cpu.user + cpu.system) / 1e3);
      }
      // Each round a task of its own, as a server's reads are: finalizers of dead views run in between
      // (bench/runtime.js's in-process rounds do the same).
      await new Promise((resolve) => setImmediate(resolve));
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    // Finalizers run as tasks after a collection: collect and let the event loop turn a few times.
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // The runtime the loader recorded into, if it ran: the same dist/ as leakproof/register's.
    const runtime = require('../dist/src/runtime');
    const sites = runtime.report().sites.map((site) => ({ file: require('node:path').relative(require('node:path').join(__dirname, '..'), site.file), line: site.line, column: site.column, liveViews: site.liveViews }));
    console.log(JSON.stringify({ ms: times[times.length >> 1], cpuMs: cpuTimes[cpuTimes.length >> 1], clients: state.size, sites }));
  })();
}
