'use strict';
// `npm run bench`: runs each benchmark in its own process (with --expose-gc, output inherited), one after
// the other so they do not compete for the CPU: bench/lint.js, bench/cli.js, bench/runtime.js, bench/heap.js,
// bench/incidents.js (once per set it knows, `SETS` in bench/incidents.js: the default set, then `--set heldout`,
// `--set heldout2`, … `--set heldout23`). A missing benchmark is skipped with a line saying so; a failing
// one makes this exit non-zero.
// bench/incidents.js needs fetched repository snapshots (LEAKPROOF_MIRRORS, see bench/README.md) and says it
// is skipped, with why, when there are none.
//
// Usage: node bench/run.js [--only lint|cli|runtime|heap|incidents] [-- args passed to each benchmark]
// (the args after `--` go to bench/incidents.js only when it is chosen with --only incidents)

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const BENCHES = ['lint', 'cli', 'runtime', 'heap', 'incidents'];
// Node flags per benchmark beyond --expose-gc: one TypeScript program for the whole typed corpus,
// plus the checker's caches, peaks near 3.5 GB of heap, over Node's default limit on most machines.
const NODE_FLAGS = { lint: ['--max-old-space-size=8192'] };

/** The runs of one benchmark, each its arguments: the incidents one scores every set and skips itself
 *  (exit 0, one line) without snapshots; a `--set` passed through after `--` picks one set. */
function runsOf(name, options) {
  if (name !== 'incidents') return [options.passThrough];
  const passThrough = options.only === 'incidents' ? options.passThrough : [];
  const named = Object.keys(require('./incidents').SETS).filter((set) => set !== 'incidents');
  const sets = passThrough.some((a) => a === '--set' || a.startsWith('--set=')) ? [[]] : [[], ...named.map((set) => ['--set', set])];
  return sets.map((set) => ['--if-present', ...set, ...passThrough]);
}

function parseArgs(argv) {
  const dash = argv.indexOf('--');
  const own = dash >= 0 ? argv.slice(0, dash) : argv;
  const passThrough = dash >= 0 ? argv.slice(dash + 1) : [];
  let only;
  for (let i = 0; i < own.length; i++) {
    if (own[i] === '--only') only = own[++i];
    else if (own[i].startsWith('--only=')) only = own[i].slice('--only='.length);
    else throw new Error(`unknown argument: ${own[i]} (usage: bench/run.js [--only ${BENCHES.join('|')}] [-- args])`);
  }
  if (only !== undefined && !BENCHES.includes(only)) throw new Error(`--only: one of ${BENCHES.join(', ')}`);
  return { only, passThrough };
}

function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  const failed = [];
  for (const name of options.only ? [options.only] : BENCHES) {
    const script = path.join(__dirname, `${name}.js`);
    if (!fs.existsSync(script)) {
      console.log(`bench ${name}: skipped (${path.relative(process.cwd(), script) || script} does not exist)`);
      continue;
    }
    for (const args of runsOf(name, options)) {
      const setAt = args.indexOf('--set');
      const title = setAt >= 0 ? `${name} (set ${args[setAt + 1]})` : name;
      console.log(`\n=== bench ${title} ===`);
      const started = Date.now();
      const child = spawnSync(process.execPath, ['--expose-gc', ...(NODE_FLAGS[name] ?? []), script, ...args], { stdio: 'inherit' });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (child.error || child.status !== 0) {
        const why = child.error ? child.error.message : child.signal ? `signal ${child.signal}` : `exit code ${child.status}`;
        console.log(`bench ${title}: FAILED (${why}) after ${seconds} s`);
        failed.push(title);
      } else {
        console.log(`bench ${title}: done in ${seconds} s`);
      }
    }
  }
  if (failed.length > 0) {
    console.log(`\nbench: ${failed.length} failed: ${failed.join(', ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
