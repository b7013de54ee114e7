const dgram = require('dgram');

const lastByPeer = new Map();
const server = dgram.createSocket('udp4');

server.on('message', (msg, rinfo) => {
  const body = msg.subarray(12); // expect: no-retained-view
  lastByPeer.set(rinfo.address + ':' + rinfo.port, body);
});

server.bind(5353);
