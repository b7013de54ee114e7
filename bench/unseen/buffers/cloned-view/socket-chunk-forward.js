const net = require('net');
const { Worker } = require('worker_threads');

const parser = new Worker('./parser.js');

net.createServer((sock) => {
  sock.on('data', (chunk) => {
    parser.postMessage(chunk); // expect: no-cloned-view
  });
}).listen(9000);
