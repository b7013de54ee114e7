'use strict';
// Lint benchmark: the plugin's share of lint time, untyped and typed, measured side by side in one run.
//
// Lints the generated corpus (bench/corpus.js) plus fixtures/ with @typescript-eslint/parser and no rules
// ("parser") and with leakproof's `all` config ("with all"), whole runs alternating A B, B A, ... after a
// warm-up so that machine noise falls on both sides alike, and prints median times over the pairs and
// share = (with - without) / with beside the target. `interleaved()` (chunk by chunk) is kept for
// experiments; it is not used because it overstates the share (see bench()). The warm-up run collects ESLint `stats` for the
// per-rule breakdown (the measured runs do not, since stats wrap every listener in a timer).
//
// Usage: node --expose-gc bench/lint.js [--mode untyped|typed|both] [--files N] [--pairs N]
//          [--typed-pairs N]   (a "pair" is one repetition: every file linted once by each side) [--eslint 9|10] [--no-fixtures]
//          [--project-rules]   (every side also runs typescript-eslint's recommended rules: leakproof's share of a project's lint)
//          [--floor]           (a fourth side: leakproof's rules with every listener emptied, the same selectors: the floor
//                               a plugin with these listeners pays before it answers anything)
//        node --expose-gc bench/lint.js --listener-ab REF|DIR [--rules a,b] [--reps N] [--mode untyped|typed] [--files N]
//          The time spent inside rules' listeners (and their `create`), this build against another, in ONE process:
//          both plugins lint every file in turn (A B, then B A for the next file; the order flips each repetition),
//          so that machine load falls on both alike. REF is a git commit, built once into bench/.work/ab/<sha>/
//          (its tree, this checkout's node_modules); DIR is a directory holding dist/src/index.js. --rules picks
//          rules by name (default: every rule of `all` in both builds). Prints each rule's total per build, the
//          ratio, and whether both builds reported the same findings. `npm run bench -- --only lint -- --listener-ab REF`.

const fs = require('node:fs');
const path = require('node:path');
const { ensureCorpus } = require('./corpus');

const ROOT = path.resolve(__dirname, '..');
const FIXTURES = path.join(ROOT, 'fixtures');
const TARGET = { untyped: 0.05, typed: 0.1 };
/** Files per chunk in the interleaved runs: small enough that both sides see the same machine load. */
const CHUNK = 40;
const SOURCE_EXT = /\.(?:[cm]?ts|tsx)$/;

function parseArgs(argv) {
  const options = { mode: 'both', files: undefined, pairs: 3, typedPairs: 2, eslint: '10', fixtures: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--mode') options.mode = value();
    else if (arg === '--files') options.files = Number(value());
    else if (arg === '--pairs') options.pairs = Number(value());
    else if (arg === '--typed-pairs') options.typedPairs = Number(value());
    else if (arg === '--eslint') options.eslint = value();
    else if (arg === '--no-fixtures') options.fixtures = false;
    else if (arg === '--project-rules') options.projectRules = true;
    else if (arg === '--floor') options.floor = true;
    else if (arg === '--child') options.child = value();
    else if (arg === '--listener-ab') options.listenerAb = value();
    else if (arg === '--rules') options.rules = value().split(',').map((name) => name.trim().replace(/^leakproof\//, '')).filter(Boolean);
    else if (arg === '--reps') options.reps = Number(value());
    else throw new Error(`unknown argument: ${arg}`);
  }
  if (!['untyped', 'typed', 'both'].includes(options.mode)) throw new Error(`--mode: untyped, typed or both`);
  if (options.listenerAb === undefined && (options.rules !== undefined || options.reps !== undefined)) {
    throw new Error('--rules and --reps belong to --listener-ab');
  }
  if (options.listenerAb !== undefined) {
    if (options.mode === 'both') options.mode = 'untyped';
    if (options.reps === undefined) options.reps = 3;
    if (!Number.isInteger(options.reps) || options.reps < 1) throw new Error('--reps: a whole number of at least 1');
    if (options.rules !== undefined && options.rules.length === 0) throw new Error('--rules: at least one rule name');
  }
  if (!['9', '10'].includes(options.eslint)) throw new Error(`--eslint: 9 or 10`);
  for (const [flag, value] of [['--pairs', options.pairs], ['--typed-pairs', options.typedPairs]]) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`${flag}: a whole number of at least 1 (medians need a measured pair)`);
  }
  return options;
}

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/**
 * The parser block every side lints with (the plain run, --listener-ab's builds): typescript-eslint's
 * parser over `files`, with the project service when typed, and no report of unused disable directives.
 */
function parserConfig(parser, typed, files = TS_FILES) {
  return {
    name: 'bench/parser',
    files,
    languageOptions: {
      parser,
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: typed ? { projectService: true, tsconfigRootDir: ROOT } : {},
    },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  };
}

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (SOURCE_EXT.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const fmtInt = (n) => n.toLocaleString('en-US');
const fmtS = (ms) => `${(ms / 1000).toFixed(1)} s`;
const fmtMB = (bytes) => `${fmtInt(Math.round(bytes / 1e6))} MB`;
const fmtPct = (x) => `${(x * 100).toFixed(1)}%`;
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function collectGarbage() {
  if (typeof global.gc === 'function') {
    global.gc();
    global.gc();
  }
}

/** The other build of --listener-ab: a directory with dist/src/index.js, or a git commit built into bench/.work/ab/. */
function otherBuild(spec) {
  const { execFileSync } = require('node:child_process');
  const asDir = path.resolve(spec);
  if (fs.existsSync(path.join(asDir, 'dist', 'src', 'index.js'))) return { label: path.relative(ROOT, asDir) || asDir, dir: asDir };
  let sha;
  try {
    sha = execFileSync('git', ['rev-parse', '--verify', `${spec}^{commit}`], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    throw new Error(`--listener-ab: ${spec} is neither a directory holding dist/src/index.js nor a git commit of this repository`);
  }
  const dir = path.join(__dirname, '.work', 'ab', sha.slice(0, 12));
  if (!fs.existsSync(path.join(dir, 'dist', 'src', 'index.js'))) {
    console.log(`building ${sha.slice(0, 12)} into ${path.relative(ROOT, dir)} ...`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const archive = execFileSync('git', ['archive', '--format=tar', sha], { cwd: ROOT, maxBuffer: 1024 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
  }
  return { label: sha.slice(0, 12), dir };
}

/** --listener-ab: time inside the chosen rules' listeners, this build (A) and another (B), alternating per file. */
function listenerAb(options) {
  const { Linter, ESLint } = require(options.eslint === '9' ? 'eslint9' : 'eslint');
  const parser = require('@typescript-eslint/parser');
  const typed = options.mode === 'typed';
  const other = otherBuild(options.listenerAb);
  const builds = [
    { label: 'this checkout', plugin: require(path.join(ROOT, 'dist', 'src', 'index.js')) },
    { label: other.label, plugin: require(path.join(other.dir, 'dist', 'src', 'index.js')) },
  ];
  if (builds[0].plugin === builds[1].plugin) throw new Error('--listener-ab: the other build is this checkout');
  const names = options.rules ?? Object.keys(builds[0].plugin.configs.all.rules).map((id) => id.replace(/^leakproof\//, ''));
  for (const build of builds) {
    for (const name of names) {
      if (!build.plugin.rules[name]) throw new Error(`--listener-ab: ${build.label} has no rule ${name}`);
    }
  }
  const corpus = ensureCorpus({ files: options.files });
  const fixtureFiles = options.fixtures && fs.existsSync(FIXTURES) ? walk(FIXTURES) : [];
  const files = [...corpus.files, ...fixtureFiles].map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
  console.log(
    `listener A/B: ESLint ${ESLint.version}, Node ${process.version}, ${options.mode}, ${fmtInt(files.length)} files, ${options.reps} repetitions; ` +
      `rules ${names.join(', ')}; A = ${builds[0].label}, B = ${builds[1].label}`,
  );

  // Each build's rules, every function a rule's create returns wrapped in a timer that adds to the rule's total
  // (nested listeners do not exist in ESLint: a listener runs to its end before the next one starts).
  for (const build of builds) {
    build.total = Object.fromEntries(names.map((name) => [name, 0]));
    build.reps = [];
    build.findings = 0;
    const timed = {};
    for (const name of names) {
      const rule = build.plugin.rules[name];
      const total = build.total;
      timed[name] = {
        ...rule,
        create(context) {
          const t0 = process.hrtime.bigint();
          const listeners = rule.create(context);
          total[name] += Number(process.hrtime.bigint() - t0) / 1e6;
          const wrapped = {};
          for (const [selector, listener] of Object.entries(listeners)) {
            wrapped[selector] =
              typeof listener === 'function'
                ? function timedListener(...args) {
                    const start = process.hrtime.bigint();
                    try {
                      return listener.apply(this, args);
                    } finally {
                      total[name] += Number(process.hrtime.bigint() - start) / 1e6;
                    }
                  }
                : listener;
          }
          return wrapped;
        },
      };
    }
    const all = build.plugin.configs.all.rules;
    build.config = {
      ...parserConfig(parser, typed, [...TS_FILES, '**/*.js', '**/*.mjs', '**/*.cjs']),
      plugins: { leakproof: { rules: timed } },
      rules: Object.fromEntries(names.map((name) => [`leakproof/${name}`, all[`leakproof/${name}`] ?? 'error'])),
    };
    build.linter = new Linter({ cwd: ROOT, configType: 'flat' });
  }

  const signature = (messages) => messages.map((m) => `${m.ruleId}@${m.line}:${m.column} ${m.message}`).join('\n');
  let differing = [];
  const lintWith = (build, file, text) => {
    const messages = build.linter.verify(text, [build.config], { filename: file });
    const fatal = messages.find((m) => m.fatal || !m.ruleId);
    if (fatal) throw new Error(`${path.relative(ROOT, file)}: ${fatal.message} (${build.label})`);
    return messages;
  };
  // A warm-up repetition (not counted): JIT, module loading, the typed program.
  for (const { file, text } of files) for (const build of builds) lintWith(build, file, text);
  for (const build of builds) for (const name of names) build.total[name] = 0;
  for (let rep = 0; rep < options.reps; rep++) {
    const before = builds.map((build) => ({ ...build.total }));
    collectGarbage();
    differing = [];
    for (let i = 0; i < files.length; i++) {
      const { file, text } = files[i];
      const order = (i + rep) % 2 === 0 ? builds : [builds[1], builds[0]];
      const seen = new Map();
      for (const build of order) {
        const messages = lintWith(build, file, text);
        if (rep === 0) build.findings += messages.length;
        seen.set(build, signature(messages));
      }
      if (seen.get(builds[0]) !== seen.get(builds[1])) differing.push(path.relative(ROOT, file));
    }
    builds.forEach((build, k) => {
      build.reps.push(Object.fromEntries(names.map((name) => [name, build.total[name] - before[k][name]])));
    });
    const sum = (k) => names.reduce((acc, name) => acc + builds[k].reps[rep][name], 0);
    console.log(`  repetition ${rep + 1}: A ${sum(0).toFixed(0)} ms, B ${sum(1).toFixed(0)} ms, A/B ${(sum(0) / sum(1)).toFixed(3)}`);
  }
  const med = (k, name) => median(builds[k].reps.map((rep) => rep[name]));
  const width = Math.max(4, ...names.map((name) => name.length));
  console.log(`  ${'Rule'.padEnd(width)} | A (ms, median) | B (ms, median) | A/B`);
  console.log(`  ${'-'.repeat(width)}-+----------------+----------------+------`);
  for (const name of names) {
    const a = med(0, name);
    const b = med(1, name);
    console.log(`  ${name.padEnd(width)} | ${a.toFixed(1).padStart(14)} | ${b.toFixed(1).padStart(14)} | ${(a / b).toFixed(3)}`);
  }
  const a = median(builds[0].reps.map((rep) => names.reduce((acc, name) => acc + rep[name], 0)));
  const b = median(builds[1].reps.map((rep) => names.reduce((acc, name) => acc + rep[name], 0)));
  console.log(
    `listener time ${options.mode}: A (${builds[0].label}) ${a.toFixed(0)} ms, B (${builds[1].label}) ${b.toFixed(0)} ms, A/B ${(a / b).toFixed(3)} ` +
      `(${fmtInt(files.length)} files, medians of ${options.reps} repetitions); findings A ${fmtInt(builds[0].findings)}, B ${fmtInt(builds[1].findings)}` +
      (differing.length ? `; ${fmtInt(differing.length)} files with different findings (e.g. ${differing.slice(0, 3).join(', ')})` : '; the same findings in every file'),
  );
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.listenerAb !== undefined) {
    listenerAb(options);
    return;
  }
  const { ESLint } = require(options.eslint === '9' ? 'eslint9' : 'eslint');
  const parser = require('@typescript-eslint/parser');
  const plugin = require(path.join(ROOT, 'dist', 'src', 'index.js'));
  const all = plugin.configs.all;
  const ruleIds = Object.keys(all.rules ?? {});

  const started = Date.now();
  const heapLimit = require('node:v8').getHeapStatistics().heap_size_limit;
  if (!options.child && options.mode !== 'untyped' && heapLimit < 6e9) {
    console.log(
      `warning: heap limit ${fmtMB(heapLimit)}; a typed run of the whole corpus peaks near 3.5 GB, ` +
        `run with --max-old-space-size=8192 (bench/run.js does)`,
    );
  }
  const corpus = ensureCorpus({ files: options.files });
  const fixtureFiles = options.fixtures && fs.existsSync(FIXTURES) ? walk(FIXTURES) : [];
  const files = [...corpus.files, ...fixtureFiles];
  const lines = Object.values(corpus.manifest.files).reduce((sum, entry) => sum + entry.lines, 0);
  if (!options.child) console.log(
    `lint bench: ESLint ${ESLint.version}, @typescript-eslint/parser ${parser.version}, TypeScript ${require('typescript').version}, ` +
      `Node ${process.version}${typeof global.gc === 'function' ? '' : ' (no --expose-gc: runs are not preceded by a GC)'}`,
  );
  if (!options.child) console.log(
    `corpus: ${fmtInt(corpus.files.length)} files, ${fmtInt(lines)} lines (${corpus.reused ? 'reused' : 'generated'}), ` +
      `fixtures: ${fmtInt(fixtureFiles.length)} files; leakproof ${plugin.meta.version}, all = ${ruleIds.length} rules: ${ruleIds.join(', ')}`,
  );

  const base = (typed) => parserConfig(parser, typed);

  // --project-rules: every side also runs typescript-eslint's `recommended` rules, as a TypeScript project's
  // own lint does; the share is then leakproof's part of such a lint (the traversal is paid once for all).
  const projectRules = options.projectRules
    ? require('typescript-eslint').configs.recommended.map((config) => ({ ...config, files: TS_FILES }))
    : [];

  // One rule that does nothing: what ESLint itself adds once any rule runs (traversal, code paths).
  const noopConfig = {
    plugins: { bench: { rules: { noop: { meta: { type: 'problem', schema: [] }, create: () => ({ Program() {} }) } } } },
    rules: { 'bench/noop': 'error' },
  };

  // --floor: leakproof's rules, each listener replaced by an empty function (same selectors, same `create`).
  const hollowConfig = {
    plugins: {
      leakproof: {
        rules: Object.fromEntries(
          Object.entries(plugin.rules).map(([id, rule]) => [
            id,
            { ...rule, create: (context) => Object.fromEntries(Object.keys(rule.create(context)).map((selector) => [selector, () => {}])) },
          ]),
        ),
      },
    },
    rules: all.rules,
  };

  async function lintOnce(mode, withRules, stats) {
    const typed = mode === 'typed';
    // Every typed run builds its TypeScript program from scratch, as a one-off `eslint` run does: a
    // program (and its checker's caches) kept from the previous run would hide the type work rules cause.
    if (typed) parser.clearCaches();
    collectGarbage();
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig:
        withRules === 'noop'
          ? [base(typed), ...projectRules, noopConfig]
          : withRules === 'hollow'
            ? [base(typed), ...projectRules, hollowConfig]
            : withRules
              ? [base(typed), ...projectRules, all]
              : [base(typed), ...projectRules],
      cache: false,
      fix: false,
      stats,
      warnIgnored: true,
    });
    // Peak heap, sampled between files (lintFiles reads files asynchronously, so timers get to run).
    let peak = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 100);
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    let results;
    try {
      results = await eslint.lintFiles(files);
    } finally {
      clearInterval(sampler);
    }
    const wall = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpuDelta = process.cpuUsage(cpu0);
    const cpu = (cpuDelta.user + cpuDelta.system) / 1000;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (typed) parser.clearCaches();
    return { wall, cpu, peak, results };
  }

  function summarize(mode, results) {
    const byRule = new Map();
    let fatal = 0;
    const fatalFiles = [];
    const foundIn = new Map();
    for (const result of results) {
      for (const message of result.messages) {
        if (message.fatal || !message.ruleId) {
          fatal++;
          if (fatalFiles.length < 3) fatalFiles.push(`${path.relative(ROOT, result.filePath)}: ${message.message}`);
          continue;
        }
        byRule.set(message.ruleId, (byRule.get(message.ruleId) ?? 0) + 1);
        // The manifest labels the retention leaks the generator wrote; other rules' findings are not scored.
        if (message.ruleId === 'leakproof/no-retained-view' || message.ruleId === 'leakproof/no-retained-substring') {
          foundIn.set(result.filePath, (foundIn.get(result.filePath) ?? 0) + 1);
        }
      }
    }
    const counts = [...byRule].sort((a, b) => b[1] - a[1]).map(([id, n]) => `${id} ${fmtInt(n)}`);
    console.log(`  findings: ${counts.length ? counts.join(', ') : 'none'}${fatal ? `; ${fatal} parse errors/other (${fatalFiles.join('; ')})` : ''}`);
    // Against what the corpus was generated with (informational: a smoke test of recall and false positives).
    let leakyFiles = 0;
    let leakyFound = 0;
    let generatedLeaks = 0;
    const cleanWithFindings = [];
    for (const [rel, entry] of Object.entries(corpus.manifest.files)) {
      const found = foundIn.get(path.join(corpus.dir, rel)) ?? 0;
      generatedLeaks += entry.leaks;
      if (entry.leaks > 0) {
        leakyFiles++;
        if (found > 0) leakyFound++;
      } else if (found > 0) cleanWithFindings.push(rel);
    }
    console.log(
      `  corpus check (${mode}, retention rules): ${fmtInt(generatedLeaks)} leaks generated in ${fmtInt(leakyFiles)} files, ` +
        `flagged in ${fmtInt(leakyFound)} of them; findings in ${fmtInt(cleanWithFindings.length)} files generated clean` +
        (cleanWithFindings.length ? ` (e.g. ${cleanWithFindings.slice(0, 3).join(', ')})` : ''),
    );
  }

  function printStats(mode, results, wall, peak) {
    const rules = new Map();
    let parse = 0;
    let total = 0;
    for (const result of results) {
      for (const pass of result.stats?.times?.passes ?? []) {
        parse += pass.parse?.total ?? 0;
        total += pass.total ?? 0;
        for (const [id, time] of Object.entries(pass.rules ?? {})) rules.set(id, (rules.get(id) ?? 0) + time.total);
      }
    }
    if (total === 0) return;
    const ruleTotal = [...rules.values()].reduce((a, b) => a + b, 0);
    console.log(
      `  warm-up with stats (${mode}): wall ${fmtS(wall)}, peak heap ${fmtMB(peak)}, verify ${fmtS(total)}, parse ${fmtS(parse)} (${fmtPct(parse / total)}), ` +
        `rules ${fmtS(ruleTotal)} (${fmtPct(ruleTotal / total)})`,
    );
    const rows = [...rules].sort((a, b) => b[1] - a[1]);
    const width = Math.max(4, ...rows.map(([id]) => id.length));
    console.log(`  ${'Rule'.padEnd(width)} | Time (ms) | Relative`);
    console.log(`  ${'-'.repeat(width)}-+-----------+---------`);
    for (const [id, time] of rows) {
      console.log(`  ${id.padEnd(width)} | ${time.toFixed(1).padStart(9)} | ${fmtPct(time / ruleTotal).padStart(8)}`);
    }
  }

  // One measured repetition: two ESLint instances, parser only (A) and with `all` (B), lint the same
  // chunks of files in turn (A B, then B A, ...), so that load from other processes falls on both sides
  // within a second of each other. Typed: both instances share one TypeScript program (typescript-eslint
  // keeps one project service per process); it is built first, timed, and counted on both sides, and the
  // checker starts cold, so type queries the rules make are paid for by B, as in a one-off `eslint` run.
  async function interleaved(mode) {
    const typed = mode === 'typed';
    if (typed) parser.clearCaches();
    collectGarbage();
    const make = (withRules) =>
      new ESLint({
        cwd: ROOT,
        overrideConfigFile: true,
        overrideConfig: withRules ? [base(typed), all] : [base(typed)],
        cache: false,
        fix: false,
        warnIgnored: true,
      });
    const sides = [
      { eslint: make(false), wall: 0, cpu: 0, results: [] },
      { eslint: make(true), wall: 0, cpu: 0, results: [] },
    ];
    const time = async (side, chunk) => {
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const results = await side.eslint.lintFiles(chunk);
      const wall = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpuDelta = process.cpuUsage(cpu0);
      return { wall, cpu: (cpuDelta.user + cpuDelta.system) / 1000, results };
    };
    let build = { wall: 0, cpu: 0 };
    if (typed) build = await time(sides[0], files.slice(0, 1)); // opens the project: the program is built here
    for (let k = 0, start = 0; start < files.length; k++, start += CHUNK) {
      const chunk = files.slice(start, start + CHUNK);
      for (const side of k % 2 === 0 ? sides : [sides[1], sides[0]]) {
        const run = await time(side, chunk);
        side.wall += run.wall;
        side.cpu += run.cpu;
        side.results.push(...run.results);
      }
    }
    if (typed) parser.clearCaches();
    return {
      build: build.wall,
      buildCpu: build.cpu,
      without: { wall: build.wall + sides[0].wall, cpu: build.cpu + sides[0].cpu },
      with: { wall: build.wall + sides[1].wall, cpu: build.cpu + sides[1].cpu },
      results: sides[1].results,
    };
  }

  // Each measured run happens in a fresh child process: heap left over from earlier runs (a typed run of
  // the corpus peaks near 3.5 GB) would otherwise slow later runs and skew the pairs.
  function runChild(mode, withRules, stats) {
    const { spawnSync } = require('node:child_process');
    const side = withRules === 'noop' || withRules === 'hollow' ? withRules : withRules ? 'with' : 'without';
    const args = ['--expose-gc', '--max-old-space-size=8192', __filename, '--child', `${mode}:${side}:${stats ? 'stats' : 'plain'}`, '--eslint', options.eslint];
    if (options.files !== undefined) args.push('--files', String(options.files));
    if (!options.fixtures) args.push('--no-fixtures');
    if (options.projectRules) args.push('--project-rules');
    if (options.floor) args.push('--floor');
    const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
    if (child.status !== 0) throw new Error(`bench child ${args.slice(4).join(' ')} failed: ${child.stderr.split('\n').slice(-5).join(' ')}`);
    const line = child.stdout.split('\n').find((text) => text.startsWith('{'));
    return JSON.parse(line);
  }

  async function bench(mode, reps) {
    console.log(
      `\n${mode}: warm-up (with all, stats on), then ${reps} measured pairs, ` +
        `alternating parser / with all (A B, B A, ...)` +
        (options.projectRules ? `; every side also runs typescript-eslint's recommended rules (${Object.keys(Object.assign({}, ...projectRules.map((config) => config.rules ?? {}))).length})` : ''),
    );
    const warm = runChild(mode, true, true);
    printStats(mode, warm.results, warm.wall, warm.peak);
    const runs = [];
    for (let i = 0; i < reps; i++) {
      // Whole runs, A B then B A: each typed run builds its own program and checker, as `eslint` does.
      // (Interleaving chunk by chunk was tried and inflates the share: the two instances share one
      // project service, so B's type queries keep meeting a program A has just changed.)
      const middle = options.floor ? ['noop', 'hollow'] : ['noop'];
      const order = i % 2 === 0 ? [false, ...middle, true] : [true, ...[...middle].reverse(), false];
      const pair = {};
      for (const withRules of order) {
        pair[withRules === 'noop' || withRules === 'hollow' ? withRules : withRules ? 'with' : 'without'] = runChild(mode, withRules, false);
      }
      const run = { without: pair.without, noop: pair.noop, hollow: pair.hollow, with: pair.with, results: pair.with.results };
      runs.push(run);
      console.log(
        `  pair ${i + 1} (${order[0] ? 'all first' : 'parser first'}): ` +
          `parser ${fmtS(run.without.wall)} (cpu ${fmtS(run.without.cpu)}, peak heap ${fmtMB(run.without.peak)}), ` +
          `one empty rule ${fmtS(run.noop.wall)} (cpu ${fmtS(run.noop.cpu)}), ` +
          (run.hollow ? `emptied listeners ${fmtS(run.hollow.wall)} (cpu ${fmtS(run.hollow.cpu)}), ` : '') +
          `with all ${fmtS(run.with.wall)} (cpu ${fmtS(run.with.cpu)}, peak heap ${fmtMB(run.with.peak)}), ` +
          `share ${fmtPct((run.with.wall - run.without.wall) / run.with.wall)} (cpu ${fmtPct((run.with.cpu - run.without.cpu) / run.with.cpu)}), ` +
          `beyond an empty rule ${fmtPct((run.with.wall - run.noop.wall) / run.with.wall)} (cpu ${fmtPct((run.with.cpu - run.noop.cpu) / run.with.cpu)})`,
      );
    }
    const last = runs[runs.length - 1].results;
    summarize(mode, last);
    const a = median(runs.map((run) => run.without.wall));
    const b = median(runs.map((run) => run.with.wall));
    const aCpu = median(runs.map((run) => run.without.cpu));
    const bCpu = median(runs.map((run) => run.with.cpu));
    const n = median(runs.map((run) => run.noop.wall));
    const nCpu = median(runs.map((run) => run.noop.cpu));
    const share = (b - a) / b;
    const ruleShare = (b - n) / b;
    const cpuShare = (bCpu - aCpu) / bCpu;
    const hCpu = options.floor ? median(runs.map((run) => run.hollow.cpu)) : undefined;
    const target = TARGET[mode];
    return (
      `lint ${mode}: ${fmtInt(last.length)} files, parser ${fmtS(a)}, with all ${fmtS(b)}, plugin share ${fmtPct(share)} ` +
      `(target <= ${fmtPct(target).replace('.0%', '%')})${share > target ? ' OVER TARGET' : ''}; ` +
      `cpu time: parser ${fmtS(aCpu)}, with all ${fmtS(bCpu)}, share ${fmtPct(cpuShare)}; ` +
      `one empty rule ${fmtS(n)} (ESLint's own traversal), leakproof's rules beyond it ${fmtPct(ruleShare)} (cpu: empty rule ${fmtS(nCpu)}, beyond it ${fmtPct((bCpu - nCpu) / bCpu)})` +
      (hCpu !== undefined ? `; emptied listeners cpu ${fmtS(hCpu)}: the floor ${fmtPct((hCpu - aCpu) / bCpu)} of the parser-only share, leakproof's answers ${fmtPct((bCpu - hCpu) / bCpu)}` : '') +
      `; medians of ${reps} pairs`
    );
  }

  if (options.child) {
    const [mode, side, stats] = options.child.split(':');
    lintOnce(mode, side === 'noop' || side === 'hollow' ? side : side === 'with', stats === 'stats').then(
      (run) => {
        // Only what the parent reads: messages without fixes or source, and stats.
        const results = run.results.map((result) => ({
          filePath: result.filePath,
          messages: result.messages.map(({ ruleId, fatal, message }) => ({ ruleId, fatal, message })),
          stats: result.stats,
        }));
        process.stdout.write(`${JSON.stringify({ wall: run.wall, cpu: run.cpu, peak: run.peak, results })}\n`);
      },
      (error) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
    return;
  }

  (async () => {
    const summary = [];
    if (options.mode !== 'typed') summary.push(await bench('untyped', options.pairs));
    if (options.mode !== 'untyped') summary.push(await bench('typed', options.typedPairs));
    console.log('');
    for (const line of summary) console.log(line);
    console.log(`lint bench done in ${fmtS(Date.now() - started)}`);
  })().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}

main();
