const { parentPort } = require('worker_threads');

parentPort.on('message', (buf) => {
  parentPort.postMessage(buf.toString('utf8').slice(0, 100));
});
