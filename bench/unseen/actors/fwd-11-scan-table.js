'use strict';
const { parentPort } = require('node:worker_threads');

const workers = []; // { id, port }

parentPort.on('message', (msg) => {
  for (const w of workers) {
    if (w.id === msg.to) w.port.postMessage(msg); // expect: no-middleman-forwarding
  }
});
