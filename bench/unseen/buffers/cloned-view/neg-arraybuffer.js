const { Worker } = require('worker_threads');

const w = new Worker('./w.js');

function send(ab) {
  const copy = new ArrayBuffer(ab.byteLength);
  new Uint8Array(copy).set(new Uint8Array(ab));
  w.postMessage(copy);
}

module.exports = send;
