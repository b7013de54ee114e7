'use strict';
// A cluster primary that passes worker-to-worker packets on: the sender names the target worker id.
const cluster = require('node:cluster');
const os = require('node:os');

if (cluster.isPrimary) {
  for (let i = 0; i < os.availableParallelism(); i++) cluster.fork();

  cluster.on('message', (from, packet) => {
    if (packet == null || packet.source !== 'bus') return;
    const target = cluster.workers[packet.toWorker];
    if (!target) return;
    target.send(packet); // expect: no-middleman-forwarding
  });
}
