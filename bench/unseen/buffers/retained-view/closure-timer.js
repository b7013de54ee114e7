const net = require('net');

net.createServer((socket) => {
  socket.on('data', (chunk) => {
    const requestId = chunk.subarray(0, 16); // expect: no-retained-view
    setTimeout(() => {
      console.log('slow request', requestId.toString('hex'));
    }, 30000);
  });
}).listen(7000);
