'use strict';
const { parentPort } = require('node:worker_threads');

const pool = []; // { worker, pending }

parentPort.on('message', (task) => {
  const target = pool.reduce((a, b) => (a.pending <= b.pending ? a : b));
  target.pending++;
  target.worker.postMessage(task); // expect: no-middleman-forwarding
});
