'use strict';
const cluster = require('node:cluster');
const os = require('node:os');

if (cluster.isPrimary) {
  for (let i = 0; i < os.availableParallelism(); i++) cluster.fork();
  // Workers talk to each other through the primary: it only looks at the address.
  cluster.on('message', (sender, msg) => {
    if (msg.cmd !== 'deliver') return;
    const target = cluster.workers[msg.toWorker];
    if (target) target.send(msg); // expect: no-middleman-forwarding
  });
} else {
  require('./app');
}
