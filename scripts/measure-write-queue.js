'use strict';
// A view of a reused buffer handed to `socket.write()`: does the socket copy it, or hold it until it is sent?
// A sender encodes each frame into one scratch Buffer, writes `scratch.subarray(0, n)`, and encodes the next
// frame into the same scratch at once (node-amqp's `_sendBuffer`, Haraka's part buffer). The receiver checks
// every frame. Then the same with an exact copy (`Buffer.from(scratch.subarray(0, n))`) per write.
// Usage: node scripts/measure-write-queue.js
const net = require('node:net');

const FRAMES = 2000;
const SIZE = 4096;

function run(copy) {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => {
      let received = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        received = Buffer.concat([received, chunk]);
      });
      socket.on('end', () => {
        let bad = 0;
        for (let i = 0; i < FRAMES; i++) {
          const frame = received.subarray(i * SIZE, (i + 1) * SIZE);
          if (frame.length !== SIZE || frame.some((byte) => byte !== (i & 0xff))) bad++;
        }
        server.close();
        resolve({ bad, bytes: received.length });
      });
    });
    server.listen(0, () => {
      const client = net.connect(server.address().port, () => {
        const scratch = Buffer.alloc(SIZE);
        for (let i = 0; i < FRAMES; i++) {
          scratch.fill(i & 0xff);
          const view = scratch.subarray(0, SIZE);
          client.write(copy ? Buffer.from(view) : view);
        }
        client.end();
      });
    });
  });
}

(async () => {
  const views = await run(false);
  const copies = await run(true);
  console.log(`node ${process.version}: ${FRAMES} frames of ${SIZE} bytes written from one reused scratch Buffer`);
  console.log(`  view of the scratch per write: ${views.bad} of ${FRAMES} frames arrived with another frame's bytes`);
  console.log(`  exact copy per write:          ${copies.bad} of ${FRAMES} frames arrived with another frame's bytes`);
})();
