const { parentPort } = require('worker_threads');

parentPort.on('message', (job) => {
  const result = { id: job.id, ok: true };
  parentPort.postMessage(Buffer.from(JSON.stringify(result))); // expect: no-cloned-view
});
