'use strict';
const { Worker } = require('worker_threads');

function KeyRouter(inbound, n) {
  this.workers = [];
  for (let i = 0; i < n; i++) this.workers.push(new Worker('./kv.js'));
  inbound.on('message', (msg) => this.dispatch(msg));
}

KeyRouter.prototype.pick = function (key) {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h + key.charCodeAt(i)) % 1021;
  return this.workers[h % this.workers.length];
};

KeyRouter.prototype.dispatch = function (msg) {
  this.deliver(this.pick(msg.key), msg); // expect: no-middleman-forwarding #d
};

KeyRouter.prototype.deliver = function (worker, msg) {
  worker.postMessage(msg); // expect: no-middleman-forwarding #d
};

module.exports = KeyRouter;
