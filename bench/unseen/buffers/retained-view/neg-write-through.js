const net = require('net');

net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const len = chunk.readUInt16BE(0);
    socket.write(chunk.subarray(2, 2 + len));
  });
}).listen(7001);
