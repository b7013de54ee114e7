'use strict';
var net = require('net');
var util = require('util');
var EventEmitter = require('events').EventEmitter;

function Session(port) {
  EventEmitter.call(this);
  this.lastHeader = null;
  this.conn = net.connect(port);
  this.conn.on('data', this.onData.bind(this));
}
util.inherits(Session, EventEmitter);

Session.prototype.onData = function (chunk) {
  this.lastHeader = chunk.subarray(0, 8); // expect: no-retained-view
  this.emit('header');
};

module.exports = Session;
