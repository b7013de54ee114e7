'use strict';
// A WebRTC signalling server: offers and answers go from one browser socket to the peer's socket.
const { WebSocketServer } = require('ws');

const peers = new Map();
const wss = new WebSocketServer({ port: 8080 });

wss.on('connection', (socket, req) => {
  const id = new URL(req.url, 'http://x').searchParams.get('id');
  peers.set(id, socket);
  socket.on('message', (data) => {
    const to = peers.get(socket.partner);
    if (to) to.send(data);
  });
  socket.on('close', () => peers.delete(id));
});
