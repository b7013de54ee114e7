const { parentPort, Worker } = require('node:worker_threads');

const replicas = [new Worker('./r.js'), new Worker('./r.js'), new Worker('./r.js')];

// Every replica gets every config update: no choice of destination.
parentPort.on('message', (update) => {
  for (const replica of replicas) replica.postMessage(update);
});
