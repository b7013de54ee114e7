const net = require('net');

function LineSplitter(socket) {
  this.pending = Buffer.alloc(0);
  var self = this;
  socket.on('data', function (chunk) {
    self.pending = Buffer.concat([self.pending, chunk]);
    var nl;
    while ((nl = self.pending.indexOf(10)) !== -1) {
      console.log(self.pending.toString('utf8', 0, nl));
      self.pending = self.pending.subarray(nl + 1);
    }
  });
}

module.exports = function (port) {
  return new LineSplitter(net.connect(port));
};
