const { parentPort, Worker } = require('node:worker_threads');

const pool = [new Worker('./x.js'), new Worker('./x.js'), new Worker('./x.js'), new Worker('./x.js')];

function relay(msg) {
  const w = pool[msg.seq % pool.length];
  w.postMessage(msg); // expect: no-middleman-forwarding
}

parentPort.on('message', relay);
