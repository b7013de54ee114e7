const { Worker } = require('worker_threads');

const sink = new Worker('./sink.js');
const parts = [];

function add(part) {
  parts.push(part);
  if (parts.length === 10) {
    sink.postMessage(Buffer.concat(parts)); // expect: no-cloned-view
    parts.length = 0;
  }
}

module.exports = add;
