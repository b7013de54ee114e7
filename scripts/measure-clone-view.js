'use strict';
// Measures what a structured clone of a small view carries, on the Node it runs on:
//   node scripts/measure-clone-view.js
// structuredClone and postMessage serialize a view together with its whole ArrayBuffer (the receiver
// gets a copy of all of it); v8.serialize writes only the view's bytes. The docs of no-cloned-view and
// no-middleman-forwarding quote its figures; re-run it rather than trusting them.
const v8 = require('node:v8');
const { Worker } = require('node:worker_threads');

const PARENT = 1024 * 1024;
const view = new Uint8Array(new ArrayBuffer(PARENT), 4096, 16);

console.log(`Node ${process.version}: a ${view.byteLength}-byte view of a ${PARENT}-byte ArrayBuffer`);
const cloned = structuredClone(view);
console.log(`structuredClone(view)    arrives as a ${cloned.byteLength}-byte view with a ${cloned.buffer.byteLength}-byte backing store`);
console.log(`v8.serialize(view)       is ${v8.serialize(view).length} bytes`);

const receiver = `
const { parentPort } = require('node:worker_threads');
parentPort.once('message', (received) => parentPort.postMessage([received.byteLength, received.buffer.byteLength]));
`;
const worker = new Worker(receiver, { eval: true });
worker.once('message', ([length, backing]) => {
  console.log(`worker.postMessage(view) arrives as a ${length}-byte view with a ${backing}-byte backing store`);
  void worker.terminate();
});
worker.postMessage(view);
