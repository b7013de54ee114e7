'use strict';
const { parentPort, Worker } = require('worker_threads');

const workers = [new Worker('./a.js'), new Worker('./a.js')];

// The router parses the text it receives and sends on the parsed command: it reads the payload.
parentPort.on('message', (raw) => {
  const cmd = JSON.parse(raw);
  workers[cmd.shard % workers.length].postMessage(cmd);
});
