'use strict';
// Pre-class style: a constructor function and prototype methods, subscribed through bind.
var threads = require('worker_threads');

function Balancer(size, file) {
  this.pool = [];
  this.turn = 0;
  for (var i = 0; i < size; i++) this.pool.push(new threads.Worker(file));
  threads.parentPort.on('message', this.onMessage.bind(this));
}

Balancer.prototype.onMessage = function (msg) {
  var w = this.pool[this.turn];
  this.turn = (this.turn + 1) % this.pool.length;
  w.postMessage(msg); // expect: no-middleman-forwarding
};

module.exports = Balancer;
