'use strict';
// register() must not keep its target alive: a registered actor that nothing else holds is collected.
const { register, registered, binLeak } = require(process.env.LEAKPROOF_RUNTIME);

let collected = false;
const watcher = new FinalizationRegistry(() => {
  collected = true;
});
(function spawn() {
  const actor = { pieces: [Buffer.alloc(65536).subarray(0, 16)] };
  register('short-lived', actor);
  watcher.register(actor, 'actor');
})();
const kept = { pieces: [Buffer.alloc(65536).subarray(0, 16)] };
register('long-lived', kept);
const namesBefore = registered();

setImmediate(async () => {
  for (let i = 0; i < 10 && !collected; i++) {
    global.gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const leaks = binLeak(10).map((entry) => entry.name);
  console.log(JSON.stringify({ collected, namesBefore, namesAfter: registered(), leaks, keptPieces: kept.pieces.length }));
});
