'use strict';
const { parentPort } = require('node:worker_threads');

const targets = Object.create(null);

function relay(msg) {
  const target = targets[msg.topic];
  target.postMessage(msg); // expect: no-middleman-forwarding
}

parentPort.on('message', (msg) => relay(msg));
