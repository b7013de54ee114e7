var net = require('net');

function HeaderParser() {
  this.firstLine = '';
  this.headers = [];
}

HeaderParser.prototype.execute = function (text) {
  var lines = text.split('\r\n'); // expect: no-retained-substring #hdr
  this.firstLine = lines[0]; // expect: no-retained-substring #hdr
};

net.createServer(function (socket) {
  var parser = new HeaderParser();
  socket.on('data', function (d) {
    parser.execute(d.toString('utf8'));
  });
}).listen(8081);
