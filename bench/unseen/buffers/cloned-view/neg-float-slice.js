const { Worker } = require('worker_threads');

const analyser = new Worker('./fft.js');
const samples = new Float32Array(4096);

function flush(count) {
  analyser.postMessage(samples.slice(0, count));
}

module.exports = flush;
