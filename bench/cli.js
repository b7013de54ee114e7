'use strict';
// CLI benchmark: the `leakproof` command's options measured side by side in one run (ratios, medians of
// alternating runs, so that machine load falls on both sides alike):
//   --concurrency auto against 1 on the corpus (target <= 0.6x wall time on 2 cores), with the threads
//   auto chose, each pair's ratio, CPU time and load average; beside it, in the same rounds, 2 threads
//   against 1, and ESLint's own floor: `eslint --concurrency 2` against `off` on the same files, without a
//   plugin and with leakproof's recommended config; and the threads' start-up: the CPU of 2 threads
//   against 1 on 2 files
//   a --cache rerun on an unchanged tree against an uncached run (target <= 0.1x)
//   --fix peak memory against `eslint --fix` with the same plugin on one large file (target <= 1.0x),
//   and on many files (the corpus files, copied fresh before each run)
//   one staged file of a typed project against an untyped run of it (target <= 1.3x): directly, and
//   through a warm `leakproof daemon` (`lint --daemon`); and the cold first `--daemon` call (no server
//   yet: it starts one and lints directly) against a direct typed run
// Files are copied out of the repository (bench/.work is git-ignored, and a tsconfig must cover them).
// A real typed project can be measured too: LEAKPROOF_BENCH_TYPED_PROJECT names a checkout (with its
// dependencies' types installed, e.g. ioredis), LEAKPROOF_BENCH_STAGED a comma-separated list of files in
// it; each file is linted in place (typed) against a copy of it where no tsconfig applies (untyped).
//
// `--baseline DIR` names another checkout, built (e.g. `git archive main` with this node_modules linked
// in, then `npm run build`): the --fix measures then run its leakproof too, alternated with the others in
// the same run, so that before and after are measured side by side. `--fix-only` runs only those.
//
// `--staged-only` runs only the staged-file measures, `--concurrency-only` only the --concurrency one,
// `--daemon-pool-only` only the daemon's warm worker threads: a warm `lint --daemon --concurrency 2` run
// against a warm `--daemon --concurrency 1` run and a direct `--concurrency 1` run, in rotated rounds.
//
// `--daemon-pool-gc` measures collector settings of those threads side by side: one server a setting, each
// on its own copy of the files, in rotated rounds with the default and a direct `--concurrency 1` run;
// `--gc-settings LIST` names them (comma-separated; `young:MB` is the threads' maxYoungGenerationSizeMb,
// through bench/pool-gc.js; `semi:MB` the server's --max-semi-space-size, `pool:N` its --v8-pool-size,
// both through NODE_OPTIONS; `+` joins two). Each line gives wall time and CPU against the default, each
// round's ratios, and the server's peak and final resident memory (VmHWM, VmRSS).
//
// Usage: node bench/cli.js [--files N] [--pairs N] [--fix-kb N] [--baseline DIR] [--fix-only | --staged-only | --concurrency-only | --daemon-pool-only | --daemon-pool-gc [--gc-settings LIST]]

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ensureCorpus } = require('./corpus');

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
const ESLINT_BIN = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const PEAK = path.join(__dirname, 'peak-rss.js');

function parseArgs(argv) {
  const options = { files: 300, pairs: 3, fixKb: 1024 };
  let baseline;
  let fixOnly = false;
  let stagedOnly = false;
  let concurrencyOnly = false;
  let poolOnly = false;
  let poolGc;
  let gcSettings = DEFAULT_GC_SETTINGS;
  for (let i = 0; i < argv.length; i++) {
    const value = () => Number(argv[++i]);
    if (argv[i] === '--files') options.files = value();
    else if (argv[i] === '--pairs') options.pairs = value();
    else if (argv[i] === '--fix-kb') options.fixKb = value();
    else if (argv[i] === '--baseline') baseline = argv[++i];
    else if (argv[i] === '--fix-only') fixOnly = true;
    else if (argv[i] === '--staged-only') stagedOnly = true;
    else if (argv[i] === '--concurrency-only') concurrencyOnly = true;
    else if (argv[i] === '--daemon-pool-only') poolOnly = true;
    else if (argv[i] === '--daemon-pool-gc') poolGc = true;
    else if (argv[i] === '--gc-settings') gcSettings = argv[++i] ?? '';
    else throw new Error(`unknown argument: ${argv[i]}`);
  }
  for (const [name, value] of Object.entries(options)) if (!Number.isInteger(value) || value < 1) throw new Error(`--${name}: a whole number of at least 1`);
  let baselineBin;
  if (baseline !== undefined) {
    baselineBin = path.resolve(baseline, 'dist', 'src', 'cli', 'main.js');
    if (!fs.existsSync(baselineBin)) throw new Error(`--baseline ${baseline}: no dist/src/cli/main.js there (build it first)`);
  }
  if ([fixOnly, stagedOnly, concurrencyOnly, poolOnly, poolGc].filter(Boolean).length > 1) throw new Error('--fix-only, --staged-only, --concurrency-only, --daemon-pool-only and --daemon-pool-gc exclude each other');
  if (gcSettings !== DEFAULT_GC_SETTINGS && !poolGc) throw new Error('--gc-settings is an option of --daemon-pool-gc');
  return { ...options, baselineBin, fixOnly, stagedOnly, concurrencyOnly, poolOnly, poolGc: poolGc ? parseGcSettings(gcSettings) : undefined };
}

const DEFAULT_GC_SETTINGS = 'young:16,young:32,young:96,young:192,semi:64,pool:1';

/**
 * `--gc-settings`: each setting's name and what its server is started with (the environment of
 * `leakproof daemon start`, which the server inherits). A bad one is an error naming it.
 */
function parseGcSettings(text) {
  const names = text.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw new Error(`--gc-settings: an empty setting in "${text}"`);
  if (new Set(names).size !== names.length) throw new Error(`--gc-settings: a setting named twice in "${text}"`);
  return names.map((name) => {
    const setting = { name, young: undefined, flags: [] };
    for (const part of name.split('+')) {
      const match = /^(young|semi|pool):(\d+)$/.exec(part);
      if (!match || (match[1] !== 'pool' && Number(match[2]) < 1)) throw new Error(`--gc-settings: "${part}" is not young:MB, semi:MB or pool:N`);
      if (match[1] === 'young') setting.young = Number(match[2]);
      else setting.flags.push(match[1] === 'semi' ? `--max-semi-space-size=${match[2]}` : `--v8-pool-size=${match[2]}`);
    }
    return setting;
  });
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Runs a command with the peak-RSS preload; returns wall ms, peak RSS bytes and the exit code. */
function measure(script, args, cwd) {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--max-old-space-size=8192', '-r', PEAK, script, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const peak = /PEAK_RSS_KB (\d+)/.exec(child.stderr);
  const cpu = /CPU_MS (\d+)/.exec(child.stderr);
  if (child.status !== 0 && child.status !== 1) throw new Error(`${path.basename(script)} ${args.join(' ')}: exit ${child.status}\n${child.stderr.slice(0, 2000)}`);
  return { wall, peak: peak ? Number(peak[1]) * 1024 : NaN, cpu: cpu ? Number(cpu[1]) : NaN, code: child.status, stderr: child.stderr };
}

/** Alternates A B, B A, ... `pairs` times after one warm-up of each; medians of wall time and peak memory. */
function sideBySide(pairs, a, b) {
  a();
  b();
  const runs = { a: [], b: [] };
  for (let i = 0; i < pairs; i++) {
    const order = i % 2 ? [['b', b], ['a', a]] : [['a', a], ['b', b]];
    for (const [side, fn] of order) runs[side].push(fn());
  }
  const pick = (side, key) => median(runs[side].map((run) => run[key]));
  // Each pair's own ratio of wall times (b / a): their spread shows the noise that the median hides.
  const ratios = runs.a.map((run, i) => runs.b[i].wall / run.wall);
  return { a: { wall: pick('a', 'wall'), peak: pick('a', 'peak'), cpu: pick('a', 'cpu') }, b: { wall: pick('b', 'wall'), peak: pick('b', 'peak'), cpu: pick('b', 'cpu') }, ratios };
}

const load = () => os.loadavg()[0].toFixed(1);
const spread = (ratios) => `pairs ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x`;

/**
 * Like sideBySide for any number of commands: after one warm-up of each, `pairs` rounds, each in another
 * order (rotated, and reversed every other round); medians per command, by name, and each round's wall
 * times (`walls`, for ratios of two commands within a round).
 */
function sideBySideAll(pairs, commands) {
  const names = Object.keys(commands);
  for (const name of names) commands[name]();
  const runs = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < pairs; i++) {
    const rotated = names.map((_, k) => names[(k + i) % names.length]);
    for (const name of i % 2 ? rotated.reverse() : rotated) runs[name].push(commands[name]());
  }
  const pick = (name, key) => median(runs[name].map((run) => run[key]));
  return Object.fromEntries(names.map((name) => [name, { wall: pick(name, 'wall'), peak: pick(name, 'peak'), cpu: pick(name, 'cpu'), walls: runs[name].map((run) => run.wall), cpus: runs[name].map((run) => run.cpu) }]));
}

/** The ratio b / a of two commands of sideBySideAll: of their medians, and each round's. */
function ratioOf(runs, a, b) {
  return { ratio: runs[b].wall / runs[a].wall, ratios: runs[a].walls.map((wall, i) => runs[b].walls[i] / wall) };
}

/** An ESLint config of leakproof's recommended rules for the corpus files, read without types. */
function pluginConfig() {
  const plugin = JSON.stringify(path.join(ROOT, 'dist', 'src', 'index.js'));
  const tsParser = JSON.stringify(require.resolve('@typescript-eslint/parser', { paths: [ROOT] }));
  return `const leakproof = require(${plugin});\nmodule.exports = [{ files: ['**/*.ts'], languageOptions: { parser: require(${tsParser}) }, ...leakproof.configs.recommended }];\n`;
}

/**
 * ESLint's recommended core rules that this ESLint has (from @eslint/js, where installed), for a plain
 * ESLint run: the work per file a project without plugins gives it. None if @eslint/js is not there.
 */
function coreRules() {
  let recommended;
  try {
    recommended = require(require.resolve('@eslint/js', { paths: [ROOT] })).configs.recommended.rules;
  } catch {
    return {};
  }
  const builtin = require(require.resolve('eslint/use-at-your-own-risk', { paths: [ROOT] })).builtinRules;
  return Object.fromEntries(Object.entries(recommended).filter(([name]) => builtin.has(name)));
}

/** How many messages an ESLint JSON report holds (two runs of the same files must agree). */
const messagesIn = (file) => JSON.parse(fs.readFileSync(file, 'utf8')).reduce((sum, result) => sum + result.messages.length, 0);

/**
 * --concurrency: leakproof's `auto` and 2 threads against 1 (the issue's target is auto <= 0.6x on 2
 * cores), and in the same rounds ESLint's own floor on this machine: `eslint --concurrency 2` against
 * `--concurrency off` on the same files, without a plugin (typescript-eslint's parser and ESLint's
 * recommended core rules) and with leakproof's recommended config. A thread pays only when its share of
 * the files outweighs its start (each loads ESLint and the parser again) and the cores are free: where
 * ESLint's own threads do not beat 1.0x, that is the floor of this machine, not of leakproof's rules.
 */
function concurrencyLines(summary, pairs, work, sources, untyped) {
  const tsParser = JSON.stringify(require.resolve('@typescript-eslint/parser', { paths: [ROOT] }));
  const rules = coreRules();
  const configs = {
    plain: `module.exports = [{ files: ['**/*.ts'], languageOptions: { parser: require(${tsParser}) }, rules: ${JSON.stringify(rules)} }];\n`,
    plugin: pluginConfig(),
  };
  for (const [name, config] of Object.entries(configs)) {
    const dir = path.join(work, name);
    fs.mkdirSync(dir);
    for (const file of sources) fs.copyFileSync(file, path.join(dir, path.basename(file)));
    fs.writeFileSync(path.join(dir, 'eslint.config.cjs'), config);
  }
  const report = (name) => path.join(work, `${name}.json`);
  const eslint = (name, concurrency) => () => measure(ESLINT_BIN, ['.', '-f', 'json', '-o', report(`${name}-${concurrency}`), '--concurrency', concurrency], path.join(work, name));
  let autoThreads = 0;
  const leakproof = (concurrency) => () => {
    // With -o, the run prints its summary line on stderr, which names the threads it used.
    const run = measure(BIN, ['.', '-f', 'json', '-o', report(`leakproof-${concurrency}`), '--concurrency', concurrency], untyped);
    const used = /in (\d+) worker threads/.exec(run.stderr);
    if (concurrency === 'auto') autoThreads = used ? Number(used[1]) : 0;
    return run;
  };
  startupLines(summary, pairs, work, sources);
  const startLoad = load();
  const runs = sideBySideAll(pairs, {
    one: leakproof('1'),
    auto: leakproof('auto'),
    two: leakproof('2'),
    plainOff: eslint('plain', 'off'),
    plainTwo: eslint('plain', '2'),
    pluginOff: eslint('plugin', 'off'),
    pluginTwo: eslint('plugin', '2'),
  });
  const endLoad = load();
  for (const name of ['plain', 'plugin']) {
    const [off, two] = [messagesIn(report(`${name}-off`)), messagesIn(report(`${name}-2`))];
    if (off !== two) throw new Error(`eslint (${name}): ${off} messages with --concurrency off, ${two} with 2`);
  }
  const cores = os.availableParallelism();
  const describe = (a, b, extra = '') => {
    const { ratios } = ratioOf(runs, a, b);
    return `${fmtS(runs[b].wall)} against ${fmtS(runs[a].wall)}, ${spread(ratios)}; CPU ${fmtS(runs[b].cpu)} against ${fmtS(runs[a].cpu)}${extra}`;
  };
  const loads = `; load ${startLoad} to ${endLoad}`;
  summary.push(line('--concurrency auto / 1 (untyped corpus)', ratioOf(runs, 'one', 'auto').ratio, 0.6, `${describe('one', 'auto')}; auto: ${autoThreads} threads on ${cores} cores${loads}`));
  summary.push(`  ${'--concurrency 2 / 1'.padEnd(44)} ${ratioOf(runs, 'one', 'two').ratio.toFixed(2)}x; ${describe('one', 'two')}`);
  const floor = ratioOf(runs, 'plainOff', 'plainTwo').ratio;
  summary.push(
    `  ${`eslint --concurrency 2 / off, no plugin`.padEnd(44)} ${floor.toFixed(2)}x; ${describe('plainOff', 'plainTwo')}; ${Object.keys(rules).length} core rules, typescript-eslint's parser`,
  );
  summary.push(`  ${'eslint --concurrency 2 / off, leakproof'.padEnd(44)} ${ratioOf(runs, 'pluginOff', 'pluginTwo').ratio.toFixed(2)}x; ${describe('pluginOff', 'pluginTwo')}${loads}`);
  summary.push(
    floor < 1
      ? `  ESLint's own threads gain here (floor ${floor.toFixed(2)}x on ${cores} cores)`
      : `  ESLint's own threads do not beat one thread here (floor ${floor.toFixed(2)}x on ${cores} cores, load ${startLoad} to ${endLoad}): the floor of this machine`,
  );
}

/**
 * The floor of worker threads: their start-up CPU, measured on 2 corpus files (ESLint starts one thread
 * a file there), `--concurrency 2` against 1 in the same rotated rounds. The difference of CPU is what
 * two threads cost to start and lint one file each (loading and compiling ESLint, the plugin,
 * typescript-eslint's parser and TypeScript again); their warm-up (the next files run before V8 has
 * optimized the parser and the rules, in each thread again) comes on top, on more files.
 */
function startupLines(summary, pairs, work, sources) {
  const dir = path.join(work, 'startup');
  fs.mkdirSync(dir);
  for (const file of sources.slice(0, 2)) fs.copyFileSync(file, path.join(dir, path.basename(file)));
  const run = (concurrency) => () => measure(BIN, ['.', '-f', 'json', '-o', path.join(work, 'startup.json'), '--concurrency', concurrency], dir);
  const startLoad = load();
  const runs = sideBySideAll(pairs, { one: run('1'), two: run('2') });
  summary.push(
    `  ${'thread start-up: CPU of 2 threads - 1, 2 files'.padEnd(44)} ${fmtS(runs.two.cpu - runs.one.cpu)} (CPU ${fmtS(runs.two.cpu)} against ${fmtS(runs.one.cpu)}; wall ${fmtS(runs.two.wall)} against ${fmtS(runs.one.wall)}); load ${startLoad} to ${load()}`,
  );
}

/** CPU time (user and system, of all its threads) of a live process, in ms, from /proc (Linux). */
function processCpu(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS;
}

const CLOCK_TICKS = (() => {
  const child = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(child.stdout) > 0 ? Number(child.stdout) : 100;
})();

const uptime = () => {
  const child = spawnSync('uptime', [], { encoding: 'utf8' });
  return child.status === 0 ? child.stdout.trim() : `load average ${os.loadavg().map((n) => n.toFixed(2)).join(', ')}`;
};

/**
 * The daemon's warm worker threads (`lint --daemon --concurrency N`, src/lint/pool.ts) on the corpus
 * files without type information: after a server is started and has answered one run with 2 threads
 * (which starts and warms them) and one with 1, rotated rounds of a warm `--daemon --concurrency 2` run,
 * a warm `--daemon --concurrency 1` run (the server's own thread) and a direct `--concurrency 1` run.
 * A daemon run's CPU is the client's plus the server's (all its threads, from /proc). After each run the
 * bench waits 1.5 s, so that the server's idle collection falls in no run. The three runs' JSON reports
 * must be the same.
 */
function poolLines(summary, pairs, work, sources) {
  const dir = path.join(work, 'pool');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "pool-bench", "private": true }\n');
  for (const file of sources) fs.copyFileSync(file, path.join(dir, path.basename(file)));
  const report = (name) => path.join(work, `pool-${name}.json`);
  const pause = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
  daemon('start', dir);
  try {
    const pid = Number(/pid (\d+)/.exec(daemon('status', dir))[1]);
    const run = (name, args, server) => () => {
      const before = server ? processCpu(pid) : 0;
      const result = measure(BIN, ['.', '-f', 'json', '-o', report(name), ...args], dir);
      if (server) result.cpu += processCpu(pid) - before;
      pause();
      return result;
    };
    const commands = {
      direct: run('direct', ['--concurrency', '1'], false),
      one: run('one', ['--daemon', '--concurrency', '1'], true),
      two: run('two', ['--daemon', '--concurrency', '2'], true),
    };
    // The first run with 2 threads starts and warms them; sideBySideAll then runs each command once more.
    const first = commands.two();
    if (!/in 2 worker threads/.test(first.stderr)) throw new Error(`the daemon did not lint in 2 threads: ${first.stderr.slice(0, 500)}`);
    const before = uptime();
    const runs = sideBySideAll(pairs, commands);
    const after = uptime();
    const texts = Object.keys(commands).map((name) => fs.readFileSync(report(name), 'utf8'));
    if (texts.some((text) => text !== texts[0])) throw new Error('the daemon with threads, without, and the direct run reported different findings');
    const status = daemon('status', dir);
    if (!/2 worker threads kept warm/.test(status)) throw new Error(`the daemon's threads were not kept: ${status}`);
    const describe = (a, b) => {
      const { ratio, ratios } = ratioOf(runs, a, b);
      return { ratio, text: `${fmtS(runs[b].wall)} against ${fmtS(runs[a].wall)}, ${spread(ratios)}; CPU ${fmtS(runs[b].cpu)} against ${fmtS(runs[a].cpu)}` };
    };
    const twoDirect = describe('direct', 'two');
    summary.push(`  uptime before: ${before}`);
    summary.push(line(`warm daemon, 2 threads / direct, 1 (${sources.length} files)`, twoDirect.ratio, 0.6, twoDirect.text));
    const twoOne = describe('one', 'two');
    summary.push(`  ${'warm daemon, 2 threads / warm daemon, 1'.padEnd(44)} ${twoOne.ratio.toFixed(2)}x; ${twoOne.text}`);
    const oneDirect = describe('direct', 'one');
    summary.push(`  ${'warm daemon, 1 / direct, 1'.padEnd(44)} ${oneDirect.ratio.toFixed(2)}x; ${oneDirect.text}`);
    summary.push(`  uptime after:  ${after}`);
  } finally {
    daemon('stop', dir);
  }
}

/** A server's peak and current resident memory, in bytes (`/proc/<pid>/status`). */
function serverMemory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  return { peak: kb('VmHWM'), rss: kb('VmRSS') };
}

/**
 * Collector settings of the daemon's worker threads, side by side (`--daemon-pool-gc`): a server for the
 * default and one for each setting, each on its own copy of the corpus files (a server is per project
 * root), started with bench/pool-gc.js preloaded (which also writes each thread's limits to a file,
 * checked here). Each server answers one `--daemon --concurrency 2` run (it starts and warms its 2 threads);
 * then rotated rounds of a warm 2-thread run on every server and a direct `--concurrency 1` run, with
 * CPU as in poolLines. All JSON reports must be the same.
 */
function poolGcLines(summary, pairs, work, sources, settings) {
  const all = [{ name: 'default', young: undefined, flags: [] }, ...settings];
  const report = (name) => path.join(work, `gc-${name.replace(/[^a-z0-9]+/gi, '-')}.json`);
  const pause = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
  const servers = [];
  const directDir = path.join(work, 'gc-direct');
  fs.mkdirSync(directDir);
  fs.writeFileSync(path.join(directDir, 'package.json'), '{ "name": "pool-gc-direct", "private": true }\n');
  for (const file of sources) fs.copyFileSync(file, path.join(directDir, path.basename(file)));
  try {
    for (const [i, setting] of all.entries()) {
      const dir = path.join(work, `gc-${i}`);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'package.json'), `{ "name": "pool-gc-${i}", "private": true }\n`);
      for (const file of sources) fs.copyFileSync(file, path.join(dir, path.basename(file)));
      const env = { ...process.env, NODE_OPTIONS: [`-r ${path.join(__dirname, 'pool-gc.js')}`, ...setting.flags].join(' ') };
      if (setting.young !== undefined) env.LEAKPROOF_BENCH_POOL_YOUNG_MB = String(setting.young);
      const limits = path.join(work, `gc-${i}-limits.jsonl`);
      env.LEAKPROOF_BENCH_POOL_LIMITS_FILE = limits;
      daemon('start', dir, [], env);
      servers.push({ setting, dir, limits, pid: Number(/pid (\d+)/.exec(daemon('status', dir))[1]) });
    }
    const run = (name, dir, args, pid) => () => {
      const before = pid ? processCpu(pid) : 0;
      const result = measure(BIN, ['.', '-f', 'json', '-o', report(name), ...args], dir);
      if (pid) result.cpu += processCpu(pid) - before;
      pause();
      return result;
    };
    const commands = { direct: run('direct', directDir, ['--concurrency', '1']) };
    for (const { setting, dir, pid } of servers) commands[setting.name] = run(setting.name, dir, ['--daemon', '--concurrency', '2'], pid);
    for (const { setting } of servers) {
      const first = commands[setting.name]();
      if (!/in 2 worker threads/.test(first.stderr)) throw new Error(`${setting.name}: the daemon did not lint in 2 threads: ${first.stderr.slice(0, 500)}`);
    }
    // The limits each server's threads run with, as the preload wrote them.
    for (const { setting, limits: file } of servers) {
      const limits = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').map((text) => JSON.parse(text)) : [];
      if (limits.length !== 2) throw new Error(`${setting.name}: ${limits.length} thread limits in the server's log, not 2`);
      if (setting.young !== undefined && limits.some((limit) => limit.maxYoungGenerationSizeMb !== setting.young)) throw new Error(`${setting.name}: the threads ran with ${JSON.stringify(limits)}`);
      setting.limits = limits[0];
    }
    const before = uptime();
    const runs = sideBySideAll(pairs, commands);
    const after = uptime();
    // Each report names its own copy of the files.
    const dirs = { direct: directDir, ...Object.fromEntries(servers.map(({ setting, dir }) => [setting.name, dir])) };
    const texts = Object.keys(commands).map((name) => fs.readFileSync(report(name), 'utf8').replaceAll(dirs[name], '<dir>'));
    if (texts.some((text) => text !== texts[0])) throw new Error('the servers and the direct run reported different findings');
    summary.push(`  uptime before: ${before}`);
    summary.push(`  direct, 1 thread: wall ${fmtS(runs.direct.wall)}, CPU ${fmtS(runs.direct.cpu)}`);
    const base = serverMemory(servers[0].pid);
    for (const { setting, pid } of servers) {
      const memory = serverMemory(pid);
      const own = runs[setting.name];
      const direct = ratioOf(runs, 'direct', setting.name);
      const set = [
        ...(setting.young !== undefined ? [`threads' maxYoungGenerationSizeMb ${setting.young}`] : []),
        ...(setting.flags.length ? [`server started with ${setting.flags.join(' ')}`] : []),
      ];
      summary.push(`  ${setting.name} (${set.length ? set.join(', ') : `Node's default: threads' young generation ${setting.limits.maxYoungGenerationSizeMb} MB`})`);
      summary.push(`    ${line('2 warm threads / direct, 1', direct.ratio, 0.6, `${fmtS(own.wall)}, ${spread(direct.ratios)}; CPU ${fmtS(own.cpu)}, ${(own.cpu / runs.direct.cpu).toFixed(2)}x`).trimStart()}`);
      if (setting.name !== 'default') {
        const wall = ratioOf(runs, 'default', setting.name);
        const cpus = own.cpus.map((cpu, i) => cpu / runs.default.cpus[i]);
        const both = wall.ratios.filter((ratio, i) => ratio < 1 && cpus[i] < 1).length;
        summary.push(
          `    against the default: wall ${wall.ratio.toFixed(2)}x (${spread(wall.ratios)}), CPU ${(own.cpu / runs.default.cpu).toFixed(2)}x (${spread(cpus)}); both lower in ${both} of ${cpus.length} rounds; server RSS peak ${fmtMB(memory.peak)} (${memory.peak >= base.peak ? '+' : '-'}${fmtMB(Math.abs(memory.peak - base.peak))})`,
        );
      } else summary.push(`    server RSS peak ${fmtMB(memory.peak)}, now ${fmtMB(memory.rss)}`);
    }
    summary.push(`  uptime after:  ${after}`);
  } finally {
    for (const { dir } of servers) daemon('stop', dir);
  }
}

/** The text of every file under `dir`, in one string (to compare what two `--fix` runs wrote). */
function treeText(dir) {
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => `${name}\n${fs.readFileSync(path.join(dir, name), 'utf8')}`)
    .join('\n');
}

const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
const fmtMB = (bytes) => `${Math.round(bytes / 1e6)} MB`;
const line = (label, ratio, target, detail) => `  ${label.padEnd(44)} ${ratio.toFixed(2)}x (target <= ${target}x) ${ratio <= target ? 'met' : 'NOT met'}; ${detail}`;

/** Runs `leakproof daemon ACTION` in `dir` (not timed); throws on a failure. */
function daemon(action, dir, extra = [], env = process.env) {
  const child = spawnSync(process.execPath, [BIN, 'daemon', action, ...extra], { cwd: dir, encoding: 'utf8', env });
  if (child.status !== 0) throw new Error(`leakproof daemon ${action} in ${dir}: exit ${child.status}\n${child.stdout}${child.stderr}`);
  return child.stdout;
}

/**
 * The staged-file measures of one file: a typed run of it through a warm daemon against an untyped
 * direct run (side by side, alternating), and the cold first call (no server: it lints directly and
 * starts one) against a direct typed run. Each cold call's server is stopped before the next command
 * runs: it parses the project's declaration files once the client exits, which would load the next one.
 */
function daemonLines(summary, pairs, label, file, typedDir, untypedDir) {
  const untyped = () => measure(BIN, [file, '-f', 'json'], untypedDir);
  const warm = () => {
    const result = measure(BIN, [file, '-f', 'json', '--daemon'], typedDir);
    // The server collects garbage a second after a run: let it, so that the collection does not fall in
    // the next (untyped) run.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
    return result;
  };
  daemon('start', typedDir);
  try {
    const first = measure(BIN, [file, '-f', 'json', '--daemon'], typedDir);
    const status = daemon('status', typedDir);
    if (!/, 1 runs,/.test(status)) throw new Error(`the daemon did not answer the first run: ${status}`);
    const side = sideBySide(pairs, untyped, warm);
    summary.push(line(`${label}: warm daemon / untyped`, side.b.wall / side.a.wall, 1.3, `${fmtS(side.b.wall)} against ${fmtS(side.a.wall)}, ${spread(side.ratios)} (first run after start ${fmtS(first.wall)})`));
  } finally {
    daemon('stop', typedDir);
  }
  const coldLoad = load();
  const cold = sideBySide(
    pairs,
    () => measure(BIN, [file, '-f', 'json'], typedDir),
    () => {
      const result = measure(BIN, [file, '-f', 'json', '--daemon'], typedDir);
      // The server it started may not listen yet: wait for it, or the stop finds none and the next cold
      // call is answered warm.
      const until = Date.now() + 60_000;
      while (spawnSync(process.execPath, [BIN, 'daemon', 'status'], { cwd: typedDir }).status !== 0) {
        if (Date.now() > until) throw new Error(`the cold call in ${typedDir} started no daemon`);
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
      }
      daemon('stop', typedDir);
      return result;
    },
  );
  summary.push(
    `  ${`${label}: cold first --daemon call / direct`.padEnd(44)} ${(cold.b.wall / cold.a.wall).toFixed(2)}x (must not be slower); ${fmtS(cold.b.wall)} against ${fmtS(cold.a.wall)}, ${spread(cold.ratios)}, CPU ${fmtS(cold.b.cpu)} against ${fmtS(cold.a.cpu)}; load ${coldLoad} to ${load()}`,
  );
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(BIN)) throw new Error('run `npm run build` first');
  const corpus = ensureCorpus();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-bench-cli-'));
  try {
    const sources = corpus.files.slice(0, options.files);
    const untyped = path.join(work, 'untyped');
    const typed = path.join(work, 'typed');
    for (const dir of [untyped, typed]) {
      fs.mkdirSync(dir);
      for (const file of sources) fs.copyFileSync(file, path.join(dir, path.basename(file)));
    }
    fs.writeFileSync(
      path.join(typed, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', types: ['node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')] }, include: ['*.ts'] }),
    );
    console.log(`cli bench: ${sources.length} corpus files, ${options.pairs} pairs per comparison, ${os.cpus().length} cores`);
    const summary = [];
    // The daemons of this run listen in a directory of its own (mode 0700, as the CLI requires).
    const sockets = path.join(work, 'sockets');
    fs.mkdirSync(sockets, { mode: 0o700 });
    process.env.LEAKPROOF_DAEMON_DIR = sockets;
    process.env.LEAKPROOF_DAEMON_IDLE_TIMEOUT = '600';

    if (options.poolGc) {
      poolGcLines(summary, options.pairs, work, sources, options.poolGc);
      console.log('');
      for (const text of summary) console.log(text);
      return;
    }

    if (options.poolOnly) {
      poolLines(summary, options.pairs, work, sources);
      console.log('');
      for (const text of summary) console.log(text);
      return;
    }

    if (!options.fixOnly && !options.stagedOnly) {
      // leakproof's `auto` (src/lint/engine.ts, threadsFor); `1` is ESLint's one thread, which means none.
      // CPU is that of all threads of a run.
      concurrencyLines(summary, options.pairs, work, sources, untyped);
      if (options.concurrencyOnly) {
        console.log('');
        for (const text of summary) console.log(text);
        return;
      }

      const cacheDir = path.join(work, 'cache');
      measure(BIN, ['.', '-f', 'json', '--cache', '--cache-location', cacheDir], untyped);
      const cache = sideBySide(
        options.pairs,
        () => measure(BIN, ['.', '-f', 'json'], untyped),
        () => measure(BIN, ['.', '-f', 'json', '--cache', '--cache-location', cacheDir], untyped),
      );
      summary.push(line('--cache rerun, unchanged tree / no cache', cache.b.wall / cache.a.wall, 0.1, `${fmtS(cache.b.wall)} against ${fmtS(cache.a.wall)}`));
    }

    if (!options.stagedOnly) {
      // One large generated JavaScript file (the issue's case: `--fix` on generated code), with fixable
      // findings; ESLint reads it with its default parser, espree, and so does leakproof without a tsconfig.
      const big = path.join(work, 'big');
      fs.mkdirSync(big);
      // The sockets are net sockets, so each chunk is a proven Buffer and each finding has an autofix: the
      // fix loop really runs (an emitter of unknown origin would only get suggestions, and nothing is fixed).
      const blocks = ["const net = require('node:net');\n"];
      for (let i = 0, size = 0; size < options.fixKb * 1024; i++) {
        const block =
          `const socket${i} = net.connect(${7000 + (i % 1000)}), kept${i} = [];\nsocket${i}.on('data', (chunk) => {\n  kept${i}.push(chunk.subarray(0, 4));\n});\n` +
          `function parse${i}(line) {\n  return line.split(',').map((field) => field.trim()).filter(Boolean);\n}\n`;
        blocks.push(block);
        size += block.length;
      }
      const text = blocks.join('');
      const plugin = JSON.stringify(path.join(ROOT, 'dist', 'src', 'index.js'));
      fs.writeFileSync(path.join(big, 'eslint.config.cjs'), `const leakproof = require(${plugin});\nmodule.exports = [leakproof.configs.recommended];\n`);
      const fresh = () => fs.writeFileSync(path.join(big, 'generated.js'), text);
      const fixedText = {};
      /** The --fix commands of one measure: eslint, leakproof, and the baseline's leakproof if given. */
      const fixCommands = (prepare, dir, eslintArgs, leakproofArgs, written) => {
        const run = (side, script, args) => () => {
          prepare();
          const result = measure(script, args, dir);
          written[side] = treeText(dir);
          return result;
        };
        return {
          eslint: run('eslint', ESLINT_BIN, eslintArgs),
          leakproof: run('leakproof', BIN, leakproofArgs),
          ...(options.baselineBin ? { before: run('before', options.baselineBin, leakproofArgs) } : {}),
        };
      };
      /** Summary lines of a --fix measure: leakproof against eslint, and the baseline's figure beside it. */
      const fixLines = (label, measured, written) => {
        if (Object.values(written).some((tree) => tree !== written.eslint)) throw new Error(`${label}: leakproof and eslint wrote different text`);
        const { eslint, leakproof, before } = measured;
        summary.push(line(`${label}`, leakproof.peak / eslint.peak, 1.0, `${fmtMB(leakproof.peak)} against ${fmtMB(eslint.peak)}; wall ${fmtS(leakproof.wall)} against ${fmtS(eslint.wall)}`));
        if (before) summary.push(`    baseline build: ${(before.peak / eslint.peak).toFixed(2)}x, ${fmtMB(before.peak)}; wall ${fmtS(before.wall)}`);
      };
      const bigFix = sideBySideAll(options.pairs, fixCommands(fresh, big, ['--fix', '-f', 'json', 'generated.js'], ['generated.js', '--fix', '-f', 'json'], fixedText));
      if (fixedText.eslint.includes(text)) throw new Error('--fix: nothing was fixed in the large file');
      fixLines(`--fix peak memory / eslint --fix (${Math.round(text.length / 1024)} KB .js)`, bigFix, fixedText);

      // Many files: the corpus files, typescript-eslint's parser without types for both (no tsconfig), and
      // the same config file, which leakproof reads for its leakproof rules. Stylish output, so that the
      // fixed texts are not printed (JSON prints each as `output`, for both).
      const many = path.join(work, 'many');
      fs.mkdirSync(many);
      const manyConfig = pluginConfig();
      const freshMany = () => {
        fs.rmSync(many, { recursive: true, force: true });
        fs.mkdirSync(many);
        for (const file of sources) fs.copyFileSync(file, path.join(many, path.basename(file)));
        fs.writeFileSync(path.join(many, 'eslint.config.cjs'), manyConfig);
      };
      const manyText = {};
      const manyFix = sideBySideAll(options.pairs, fixCommands(freshMany, many, ['--fix', '.'], ['.', '--fix'], manyText));
      freshMany();
      if (treeText(many) === manyText.eslint) throw new Error('--fix: nothing was fixed in the corpus files');
      fixLines(`--fix peak memory / eslint --fix (${sources.length} files)`, manyFix, manyText);
    }

    if (!options.fixOnly) {
      const staged = path.basename(sources[0]);
      const single = sideBySide(
        options.pairs,
        () => measure(BIN, [staged, '-f', 'json'], untyped),
        () => measure(BIN, [staged, '-f', 'json'], typed),
      );
      summary.push(line('one staged file: typed project / untyped', single.b.wall / single.a.wall, 1.3, `${fmtS(single.b.wall)} against ${fmtS(single.a.wall)}`));
      daemonLines(summary, options.pairs, 'one staged file', staged, typed, untyped);

      const project = process.env.LEAKPROOF_BENCH_TYPED_PROJECT;
      if (project) {
        const loose = path.join(work, 'loose');
        for (const file of (process.env.LEAKPROOF_BENCH_STAGED ?? '').split(',').filter(Boolean)) {
          const copy = path.join(loose, file);
          fs.mkdirSync(path.dirname(copy), { recursive: true });
          fs.copyFileSync(path.join(project, file), copy);
          const pair = sideBySide(
            options.pairs,
            () => measure(BIN, [file, '-f', 'json'], loose),
            () => measure(BIN, [file, '-f', 'json'], project),
          );
          summary.push(line(`staged ${file} of ${path.basename(project)}: typed / untyped`, pair.b.wall / pair.a.wall, 1.3, `${fmtS(pair.b.wall)} against ${fmtS(pair.a.wall)}`));
          daemonLines(summary, options.pairs, `staged ${file} of ${path.basename(project)}`, file, project, loose);
        }
      }

    }
    console.log('');
    for (const text of summary) console.log(text);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  console.error(`cli bench: ${error.message}`);
  process.exitCode = 1;
}
