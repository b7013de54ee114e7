'use strict';
var net = require('net');

function PacketReader(port) {
  this.packets = [];
  this.socket = net.connect(port);
  var self = this;
  this.socket.on('data', function (chunk) {
    var id = chunk.readUInt8(0);
    self.packets.push({ id: id, payload: chunk.subarray(1) }); // expect: no-retained-view
  });
}

PacketReader.prototype.next = function () {
  return this.packets.shift();
};

module.exports = PacketReader;
