const net = require('net');

function LineReader(socket) {
  this.carry = '';
  this.count = 0;
  var self = this;
  socket.setEncoding('utf8');
  socket.on('data', function (text) {
    var lines = (self.carry + text).split('\n');
    self.carry = lines.pop();
    self.count += lines.length;
  });
}

module.exports = function (port) {
  return new LineReader(net.connect(port));
};
