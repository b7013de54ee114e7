var Worker = require('worker_threads').Worker;

function Pool(file) {
  this.worker = new Worker(file);
}

Pool.prototype.run = function (buf, start) {
  this.worker.postMessage({ data: buf.subarray(start) }); // expect: no-cloned-view
};

module.exports = Pool;
