'use strict';
const { Worker } = require('worker_threads');

const logWorker = new Worker('./log-writer.js');

// One destination, always the same: nothing is chosen.
process.on('message', (entry) => {
  logWorker.postMessage(entry);
});
