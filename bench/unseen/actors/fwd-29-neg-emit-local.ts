import { EventEmitter } from 'node:events';
import { parentPort } from 'node:worker_threads';

const buses = new Map<string, EventEmitter>();

// emit into an in-process EventEmitter: a synchronous call, no copy (documented as not reported).
parentPort?.on('message', (msg: { topic: string; data: Uint8Array }) => {
  buses.get(msg.topic)?.emit('message', msg);
});
