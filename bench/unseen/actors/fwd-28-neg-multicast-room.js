'use strict';
const { parentPort } = require('node:worker_threads');

const members = []; // { room, port }

// A multicast to a room's members.
parentPort.on('message', (msg) => {
  for (const m of members) {
    if (m.room === msg.room) m.port.postMessage(msg);
  }
});
