'use strict';
const { Worker } = require('worker_threads');

// The pool's own API: the caller's code posts the task; no handler sits in between.
class Pool {
  constructor(file, size) {
    this.workers = Array.from({ length: size }, () => new Worker(file));
    this.next = 0;
  }

  run(task) {
    const w = this.workers[this.next++ % this.workers.length];
    w.postMessage(task);
    return new Promise((resolve) => w.once('message', resolve));
  }
}

module.exports = Pool;
