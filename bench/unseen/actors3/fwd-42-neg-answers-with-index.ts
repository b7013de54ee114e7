import { parentPort } from 'node:worker_threads';

const owners = new Map<string, number>();
let next = 0;

// The router answers which worker owns a key; the caller posts the payload itself.
parentPort?.on('message', (req: { id: number; key: string }) => {
  let owner = owners.get(req.key);
  if (owner === undefined) {
    owner = next++ % 4;
    owners.set(req.key, owner);
  }
  parentPort?.postMessage({ id: req.id, owner });
});
