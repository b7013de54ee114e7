'use strict';
const { parentPort } = require('worker_threads');

const registry = Object.create(null);

function relay(message) {
  const target = registry[message.to];
  if (!target) return false;
  target.postMessage(message); // expect: no-middleman-forwarding #r
  return true;
}

parentPort.on('message', function onParentMessage(message) {
  if (message.type === 'register') {
    registry[message.name] = message.port;
    return;
  }
  relay(message); // expect: no-middleman-forwarding #r
});
