var net = require('net');

function Client(port) {
  this.banner = null;
  var self = this;
  var socket = net.connect(port);
  socket.setEncoding('utf8');
  socket.on('data', function (str) {
    if (self.banner === null) self.banner = str.substr(0, str.indexOf('\r\n')); // expect: no-retained-substring
  });
}

module.exports = Client;
