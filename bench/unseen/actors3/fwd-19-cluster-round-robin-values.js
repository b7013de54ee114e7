'use strict';
const cluster = require('cluster');

let rr = 0;

function setupPrimary() {
  cluster.on('fork', (worker) => {
    worker.on('message', (job) => {
      if (!job || job.type !== 'offload') return;
      const ids = Object.keys(cluster.workers);
      const picked = cluster.workers[ids[rr++ % ids.length]];
      picked.send(job); // expect: no-middleman-forwarding
    });
  });
}

module.exports = { setupPrimary };
