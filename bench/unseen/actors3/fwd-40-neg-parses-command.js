'use strict';
const { parentPort, Worker } = require('worker_threads');

const shards = [new Worker('./s.js'), new Worker('./s.js')];

parentPort.on('message', (raw) => {
  const cmd = JSON.parse(raw);
  shards[cmd.shard % shards.length].postMessage(cmd);
});
