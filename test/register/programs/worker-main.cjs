'use strict';
// A CommonJS worker thread under the loader: the worker runs the same --import, so its own modules
// are instrumented; it prints its own report.
const { Worker } = require('node:worker_threads');
const path = require('node:path');

new Worker(path.join(__dirname, 'worker-child.cjs')).on('message', (message) => console.log(message));
