'use strict';
// Preloaded (`node -r bench/peak-rss.js ...`) into a benchmarked command: prints its peak resident set
// size on standard error when it exits, for bench/cli.js to compare leakproof and ESLint side by side.
process.on('exit', () => {
  require('node:fs').writeSync(2, `\nPEAK_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});
