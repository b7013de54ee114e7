import { MessageChannel, parentPort } from 'node:worker_threads';

const N = 16;
const ports = [];
for (let i = 0; i < N; i++) ports.push(new MessageChannel().port1);

function crc(text) {
  let c = 0;
  for (const ch of text) c = (c * 31 + ch.charCodeAt(0)) | 0;
  return Math.abs(c);
}

parentPort.on('message', (req) => {
  const { key } = req;
  const idx = crc(key) % N;
  ports[idx].postMessage(req); // expect: no-middleman-forwarding
});
