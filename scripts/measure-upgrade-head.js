'use strict';
// Measures what Node hands an HTTP 'upgrade' handler as its third argument (`head`, the bytes the parser
// read past the headers): a view of the socket chunk that carried the handshake, or a Buffer of its own.
// A local server and client on 127.0.0.1 (no network): the client sends an upgrade request, with and without
// bytes after the headers; the server answers 101, with and without bytes after its headers. For each side
// it prints the head's length, its ArrayBuffer's byteLength and its byteOffset.
//   node scripts/measure-upgrade-head.js
// no-retained-view reports a head kept whole in long-lived storage (it pins that chunk).
const http = require('node:http');

function once(extraFromClient, extraFromServer) {
  return new Promise((resolve, reject) => {
    const lines = [];
    const server = http.createServer();
    const sockets = [];
    server.on('upgrade', (req, socket, head) => {
      lines.push(`  server 'upgrade' head: ${describe(head)}`);
      sockets.push(socket);
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n${extraFromServer}`);
    });
    server.listen(0, '127.0.0.1', () => {
      const req = http.request({ host: '127.0.0.1', port: server.address().port, headers: { Connection: 'Upgrade', Upgrade: 'test' } });
      req.on('upgrade', (res, socket, head) => {
        lines.push(`  client 'upgrade' head: ${describe(head)}`);
        // An upgraded socket is the handler's: the server no longer tracks it, so each is closed here.
        socket.destroy();
        for (const other of sockets) other.destroy();
        server.close();
        resolve(lines);
      });
      req.on('error', reject);
      if (extraFromClient) req.end(extraFromClient);
      else req.end();
    });
  });
}

function describe(head) {
  const kind = Buffer.isBuffer(head) ? 'Buffer' : Object.prototype.toString.call(head);
  const view = head.byteLength < head.buffer.byteLength ? 'a view smaller than its store' : 'owns its store';
  return `${kind} of ${head.length} bytes over a ${head.buffer.byteLength}-byte ArrayBuffer at offset ${head.byteOffset} (${view})`;
}

(async () => {
  console.log(`node ${process.version}`);
  console.log('nothing after the headers:');
  for (const line of await once('', '')) console.log(line);
  console.log('bytes after the headers (a first frame):');
  for (const line of await once('EXTRA-BYTES-AFTER-HEADERS', 'HELLO-FRAME-BYTES')) console.log(line);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
