'use strict';
const { parentPort, MessageChannel } = require('node:worker_threads');

const ports = [];
for (let i = 0; i < 8; i++) ports.push(new MessageChannel().port1);

function hash(key) {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(h);
}

parentPort.on('message', (msg) => {
  ports[hash(msg.key) % ports.length].postMessage(msg); // expect: no-middleman-forwarding
});
