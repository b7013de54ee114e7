const net = require('net');

net.createServer((socket) => {
  socket.on('data', (chunk) => {
    socket.write(new Uint8Array(chunk.buffer, 0)); // expect: no-backing-buffer-escape
  });
}).listen(9101);
