'use strict';
const { WebSocketServer } = require('ws');

const rooms = new Map();
const wss = new WebSocketServer({ port: 9000 });

// A chat relay between network sockets: each peer's frames go to the others in its room.
wss.on('connection', (ws, req) => {
  const room = new URL(req.url, 'http://localhost').pathname;
  if (!rooms.has(room)) rooms.set(room, new Set());
  rooms.get(room).add(ws);
  ws.on('message', (data, isBinary) => {
    for (const peer of rooms.get(room)) if (peer !== ws) peer.send(data, { binary: isBinary });
  });
  ws.on('close', () => rooms.get(room).delete(ws));
});
