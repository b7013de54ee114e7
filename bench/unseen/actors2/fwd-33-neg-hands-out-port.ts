import { MessageChannel, Worker, parentPort } from 'node:worker_threads';

const workers = [new Worker('./db.js'), new Worker('./db.js')];
let cursor = 0;

// The broker answers with a direct channel to a worker; the client sends its payloads there itself.
parentPort?.on('message', (req: { id: number; reply: MessagePort }) => {
  const { port1, port2 } = new MessageChannel();
  workers[cursor++ % workers.length].postMessage({ port: port1 }, [port1]);
  req.reply.postMessage({ id: req.id, port: port2 }, [port2]);
});
