const net = require('net');

net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const view = new DataView(chunk.buffer); // expect: no-backing-buffer-escape
    console.log(view.getUint16(0));
  });
}).listen(9100);
