'use strict';
const { Worker, parentPort } = require('worker_threads');

function Dispatcher(size) {
  this.lanes = [];
  this.cursor = 0;
  for (let i = 0; i < size; i++) this.lanes.push(new Worker(__dirname + '/lane.js'));
  parentPort.on('message', this.onJob.bind(this));
}

Dispatcher.prototype.onJob = function onJob(job) {
  const lane = this.lanes[this.cursor];
  this.cursor = (this.cursor + 1) % this.lanes.length;
  lane.postMessage(job); // expect: no-middleman-forwarding
};

module.exports = new Dispatcher(4);
