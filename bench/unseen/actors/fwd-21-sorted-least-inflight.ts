import { MessagePort, parentPort } from 'node:worker_threads';

interface Lane { port: MessagePort; inflight: number }
const lanes: Lane[] = [];

parentPort?.on('message', (req: { route: string; body: Uint8Array }) => {
  [...lanes].sort((a, b) => a.inflight - b.inflight)[0].port.postMessage(req); // expect: no-middleman-forwarding
});
