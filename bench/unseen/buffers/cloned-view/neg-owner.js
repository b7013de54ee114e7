const { parentPort } = require('worker_threads');

parentPort.on('message', (n) => {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  parentPort.postMessage(out);
});
