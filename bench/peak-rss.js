'use strict';
// Preloaded (`node -r bench/peak-rss.js ...`) into a benchmarked command: prints its peak resident set
// size on standard error when it exits, for bench/cli.js to compare leakproof and ESLint side by side.
// Also the CPU time of all its threads (worker threads included), in ms.
process.on('exit', () => {
  const usage = process.resourceUsage();
  require('node:fs').writeSync(2, `\nPEAK_RSS_KB ${usage.maxRSS}\nCPU_MS ${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`);
});
