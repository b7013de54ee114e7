'use strict';
const { parentPort } = require('node:worker_threads');

const handlers = Object.create(null);

// Hands out only a part of the message (its header), not the payload it received.
parentPort.on('message', (msg) => {
  const target = handlers[msg.kind];
  if (target) target.postMessage(msg.body.header);
});
