'use strict';
const { parentPort, Worker } = require('worker_threads');

const lanes = [new Worker('./lane.js'), new Worker('./lane.js')];
let turn = 0;

// Only the id goes on; the payload stays here in the cache the lanes read from.
const cache = new Map();
parentPort.on('message', (m) => {
  cache.set(m.id, m.body);
  lanes[turn++ % lanes.length].postMessage({ type: 'task', id: m.id });
});
