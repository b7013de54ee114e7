'use strict';
const cluster = require('node:cluster');

if (cluster.isPrimary) {
  // Echoes to the worker that sent it: a reply, not a routed hop.
  cluster.on('message', (worker, msg) => {
    if (msg.type === 'ping') worker.send(msg);
  });
}
