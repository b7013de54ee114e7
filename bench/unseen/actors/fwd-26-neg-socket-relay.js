'use strict';
const { WebSocketServer } = require('ws');

const peers = new Map();
const wss = new WebSocketServer({ port: 8080 });

// A signalling relay between network sockets: documented as not reported.
wss.on('connection', (ws, req) => {
  const id = new URL(req.url, 'http://x').searchParams.get('id');
  peers.set(id, ws);
  ws.on('message', (data, isBinary) => {
    const peer = peers.get(ws.partnerId);
    if (peer) peer.send(data, { binary: isBinary });
  });
});
