const { Worker } = require('worker_threads');
const fs = require('fs');

const w = new Worker('./w.js');
const data = fs.readFileSync('big.bin');
w.postMessage(data.slice(0, 1024)); // expect: no-cloned-view, no-buffer-slice
