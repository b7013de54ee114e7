const { WebSocketServer } = require('ws');

const lastCommandByClient = new Map();
const wss = new WebSocketServer({ port: 8080 });

wss.on('connection', (ws, req) => {
  const id = req.headers['sec-websocket-key'];
  ws.on('message', (data) => {
    const text = data.toString();
    lastCommandByClient.set(id, text.slice(0, text.indexOf(' '))); // expect: no-retained-substring
  });
});
