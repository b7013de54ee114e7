'use strict';
const cluster = require('node:cluster');

if (cluster.isPrimary) {
  for (let i = 0; i < 4; i++) cluster.fork();
  cluster.on('message', (sender, msg) => {
    const target = cluster.workers[msg.to];
    if (target) target.send(msg); // expect: no-middleman-forwarding
  });
}
