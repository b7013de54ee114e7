'use strict';
// Preloaded into a daemon server by `bench/cli.js --daemon-pool-gc` (NODE_OPTIONS="-r bench/pool-gc.js"),
// to measure collector settings of the server's worker threads side by side without an option in the
// product: LEAKPROOF_BENCH_POOL_YOUNG_MB gives every worker thread the server starts that young
// generation (Worker `resourceLimits.maxYoungGenerationSizeMb`; Node 20's default is 48 MB on 64-bit,
// three times V8's 16 MB semi-space). LEAKPROOF_BENCH_POOL_LIMITS_FILE names a file where each thread's
// limits, as the running thread reports them, are appended as one JSON line, for the bench to check.
// Both are read once, when the server loads: the server gives each run the client's environment, and
// the first run is the one that starts the threads.
const fs = require('node:fs');
const threads = require('node:worker_threads');

if (threads.isMainThread) {
  const young = Number(process.env.LEAKPROOF_BENCH_POOL_YOUNG_MB);
  const file = process.env.LEAKPROOF_BENCH_POOL_LIMITS_FILE;
  const Base = threads.Worker;
  threads.Worker = class extends Base {
    constructor(script, options = {}) {
      super(script, young > 0 ? { ...options, resourceLimits: { ...options.resourceLimits, maxYoungGenerationSizeMb: young } } : options);
      if (file) this.once('online', () => fs.appendFileSync(file, `${JSON.stringify(this.resourceLimits)}\n`));
    }
  };
}
