'use strict';
// The worked example of docs/runtime.md: a TCP server whose per-client actor keeps the 16-byte header
// of every message it receives as a view of the socket chunk. binLeak finds it, hibernate fixes it,
// track points at the line. Run: node --expose-gc socket-actor.js   (LEAKPROOF_RUNTIME: the runtime)
const net = require('node:net');
const { binLeak, hibernate, register, report, track, untrack } = require(process.env.LEAKPROOF_RUNTIME);

track({ minParentBytes: 4096, maxViewRatio: 0.25 });

class ClientActor {
  constructor(id) {
    this.id = id;
    this.headers = [];
  }
  onData(chunk) {
    this.headers.push(chunk.subarray(0, 16)); // the leak: a 16-byte view keeps the whole chunk
  }
}

const actors = new Map();
const server = net.createServer((socket) => {
  const actor = new ClientActor(`client-${actors.size + 1}`);
  actors.set(actor.id, actor);
  register(actor.id, actor);
  socket.on('data', (chunk) => actor.onData(chunk));
});

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  for (let c = 0; c < 3; c++) {
    const client = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => client.on('connect', resolve));
    for (let i = 0; i < 100 * (c + 1); i++) {
      client.write(Buffer.alloc(65536, i & 255));
      await new Promise((resolve) => setImmediate(resolve)); // one chunk per read, most of the time
    }
    await new Promise((resolve) => client.end(resolve));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  global.gc();
  await new Promise((resolve) => setImmediate(resolve));

  const before = process.memoryUsage().arrayBuffers;
  const leaks = binLeak(3);
  const sites = report().sites;
  untrack();
  const results = [...actors.values()].map((actor) => hibernate(actor));
  global.gc();
  await new Promise((resolve) => setImmediate(resolve));
  global.gc();
  const after = process.memoryUsage().arrayBuffers;
  console.log(
    JSON.stringify({
      leaks: leaks.map(({ name, wastedBytes, retainedBytes, usedBytes, top }) => ({ name, wastedBytes, retainedBytes, usedBytes, worst: top[0] })),
      hibernated: results.map(({ replaced, expectedFreedBytes }) => ({ replaced: replaced.length, expectedFreedBytes })),
      sites,
      arrayBuffers: { before, after },
    }),
  );
  server.close();
});
