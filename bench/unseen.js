'use strict';
// Held-out scoring: lints a folder of small case files with the built plugin (dist/), untyped and typed, and
// prints per rule true reports, false reports and misses, precision and recall.
//
// A case marks each report it expects with a comment on the line where the report starts:
//   workers[i++ % n].postMessage(job); // expect: no-middleman-forwarding
//   const view = chunk.subarray(4); // expect: no-retained-view, no-cloned-view
// Every other report of a scored rule is a false report; an expected report that does not come is a miss.
// The scored rules are those named in the folder's `expect:` comments, or --rules.
//
// The folder is copied to a temporary directory; typed mode lints it with one tsconfig.json over the whole
// copy (allowJs, lib es2022 + dom, @types/node), so `.d.ts` files in the folder (never linted) can declare
// platform APIs the cases use. Both modes use the `all` preset unless --preset says otherwise.
//
// Usage: node bench/unseen.js FOLDER [--mode untyped|typed|both] [--rules a,b] [--preset all|recommended|...]
//          [--json FILE] [--quiet]
// Exit codes: 0 scored; 1 a rule crashed or a case did not parse; 2 usage error or no build.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CASE_EXT = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const EXPECT = /\/\/\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/g;
const MODES = ['untyped', 'typed'];

class UsageError extends Error {}

function parseArgs(argv) {
  const options = { folder: undefined, mode: 'both', rules: undefined, preset: 'all', json: undefined, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--mode') options.mode = value();
    else if (arg === '--rules') options.rules = value().split(',').map((r) => r.trim()).filter(Boolean);
    else if (arg === '--preset') options.preset = value();
    else if (arg === '--json') options.json = value();
    else if (arg === '--quiet') options.quiet = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown argument: ${arg}`);
    else if (options.folder === undefined) options.folder = arg;
    else throw new UsageError(`one folder only (got ${options.folder} and ${arg})`);
  }
  if (options.folder === undefined) {
    throw new UsageError('usage: node bench/unseen.js FOLDER [--mode untyped|typed|both] [--rules a,b] [--preset all] [--json FILE] [--quiet]');
  }
  if (!MODES.includes(options.mode) && options.mode !== 'both') throw new UsageError('--mode: untyped, typed or both');
  return options;
}

/** The case files of a folder (recursively), sorted; `.d.ts` files are declarations, not cases. */
function listCases(dir, base = dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listCases(full, base, out);
    else if (CASE_EXT.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) out.push(path.relative(base, full));
  }
  return out.sort();
}

/** Expected reports of one file: Map line -> rule names (one entry per expected report). */
function readExpectations(code) {
  const expected = new Map();
  code.split(/\r?\n/).forEach((text, index) => {
    for (const match of text.matchAll(EXPECT)) {
      const rules = match[1].split(',').map((r) => r.trim());
      expected.set(index + 1, [...(expected.get(index + 1) ?? []), ...rules]);
    }
  });
  return expected;
}

function writeTsconfig(dir) {
  const tsconfig = path.join(dir, 'tsconfig.json');
  fs.writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'esnext',
        moduleResolution: 'bundler',
        lib: ['es2022', 'dom', 'dom.iterable'],
        allowJs: true,
        checkJs: false,
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [path.join(ROOT, 'node_modules', '@types')],
      },
      include: ['**/*'],
    }),
  );
  return tsconfig;
}

function makeLinter(parser, plugin, presetName) {
  const { Linter } = require('eslint');
  const preset = plugin.configs[presetName];
  if (!preset) throw new UsageError(`--preset: no config ${presetName} (have ${Object.keys(plugin.configs).join(', ')})`);
  const configFor = (typed, tsconfig, sourceType, rules) => [
    {
      files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
      languageOptions: {
        parser,
        sourceType,
        ecmaVersion: 'latest',
        parserOptions: typed ? { project: tsconfig, tsconfigRootDir: path.dirname(tsconfig) } : {},
      },
      plugins: preset.plugins ?? { leakproof: plugin },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      rules,
    },
  ];
  /** Lints one file: { messages, crashes: [{ rule, message }], parseError }. */
  return function lint(file, { typed, tsconfig }) {
    const code = fs.readFileSync(file, 'utf8');
    const linter = new Linter({ cwd: path.dirname(tsconfig) });
    const run = (sourceType, rules) => linter.verify(code, configFor(typed, tsconfig, sourceType, rules), { filename: file });
    const runBoth = (rules) => {
      let messages = run('module', rules);
      if (messages.some((m) => m.fatal) && /\.(?:cjs|js)$/.test(file)) {
        const asScript = run('script', rules);
        if (!asScript.some((m) => m.fatal)) messages = asScript;
      }
      return messages;
    };
    const crashes = [];
    let messages;
    try {
      messages = runBoth(preset.rules);
    } catch {
      messages = [];
      for (const [rule, setting] of Object.entries(preset.rules)) {
        try {
          messages.push(...runBoth({ [rule]: setting }));
        } catch (error) {
          crashes.push({ rule, message: String(error && error.message ? error.message : error).split('\n')[0] });
        }
      }
    }
    const fatal = messages.find((m) => m.fatal);
    return {
      messages: messages.filter((m) => !m.fatal && typeof m.ruleId === 'string' && m.ruleId.startsWith('leakproof/')),
      crashes,
      parseError: fatal ? `${fatal.line}:${fatal.column} ${fatal.message}` : undefined,
    };
  };
}

/** Scores one file for the scored rules: per rule { tp, fp, fn, falseReports: [line], misses: [line] }. */
function scoreFile(expected, messages, rules) {
  const out = {};
  for (const rule of rules) {
    const want = new Map();
    for (const [line, names] of expected) {
      const n = names.filter((r) => r === rule).length;
      if (n > 0) want.set(line, n);
    }
    const got = new Map();
    for (const m of messages) {
      if (m.ruleId !== `leakproof/${rule}`) continue;
      got.set(m.line, (got.get(m.line) ?? 0) + 1);
    }
    const s = { tp: 0, fp: 0, fn: 0, falseReports: [], misses: [] };
    for (const line of new Set([...want.keys(), ...got.keys()])) {
      const w = want.get(line) ?? 0;
      const g = got.get(line) ?? 0;
      s.tp += Math.min(w, g);
      for (let i = g; i < w; i++) s.misses.push(line);
      for (let i = w; i < g; i++) s.falseReports.push(line);
    }
    s.fn = s.misses.length;
    s.fp = s.falseReports.length;
    out[rule] = s;
  }
  return out;
}

const ratio = (num, den) => (den === 0 ? 'n/a' : (num / den).toFixed(2));

function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return 2;
  }
  const folder = path.resolve(options.folder);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    console.error(`bench unseen: ${options.folder} is not a folder`);
    return 2;
  }
  const distEntry = path.join(ROOT, 'dist', 'src', 'index.js');
  if (!fs.existsSync(distEntry)) {
    console.error(`bench unseen: ${path.relative(process.cwd(), distEntry)} does not exist; run \`npm run build\` first`);
    return 2;
  }
  const cases = listCases(folder);
  if (cases.length === 0) {
    console.error(`bench unseen: no case files (.js, .ts, ...) in ${options.folder}`);
    return 2;
  }
  const expectations = new Map(cases.map((c) => [c, readExpectations(fs.readFileSync(path.join(folder, c), 'utf8'))]));
  const plugin = require(distEntry);
  const known = new Set(Object.keys(plugin.rules));
  const named = [...new Set([...expectations.values()].flatMap((e) => [...e.values()].flat()))];
  const unknownNamed = named.filter((r) => !known.has(r));
  if (unknownNamed.length > 0) {
    console.error(`bench unseen: expect: names rules the plugin does not have: ${unknownNamed.join(', ')}`);
    return 2;
  }
  const rules = options.rules ?? named.sort();
  const unknownRules = rules.filter((r) => !known.has(r));
  if (unknownRules.length > 0) {
    console.error(`bench unseen: --rules: no such rule: ${unknownRules.join(', ')}`);
    return 2;
  }
  if (rules.length === 0) {
    console.error(`bench unseen: nothing to score: no expect: comment in ${options.folder} and no --rules`);
    return 2;
  }

  const parser = require('@typescript-eslint/parser');
  let lint;
  try {
    lint = makeLinter(parser, plugin, options.preset);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return 2;
  }
  const modes = options.mode === 'both' ? MODES : [options.mode];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-unseen-'));
  const totals = {};
  const detail = [];
  const problems = [];
  try {
    fs.cpSync(folder, tmp, { recursive: true });
    const tsconfig = writeTsconfig(tmp);
    for (const mode of modes) {
      const typed = mode === 'typed';
      totals[mode] = Object.fromEntries(rules.map((r) => [r, { tp: 0, fp: 0, fn: 0, files: 0 }]));
      for (const c of cases) {
        const result = lint(path.join(tmp, c), { typed, tsconfig });
        for (const crash of result.crashes) problems.push(`crash ${mode}: ${c}: ${crash.rule}: ${crash.message}`);
        if (result.parseError) problems.push(`not parsed ${mode}: ${c}: ${result.parseError}`);
        const expected = expectations.get(c);
        const scored = scoreFile(expected, result.messages, rules);
        for (const rule of rules) {
          const s = scored[rule];
          const t = totals[mode][rule];
          t.tp += s.tp;
          t.fp += s.fp;
          t.fn += s.fn;
          if (s.tp + s.fn + s.fp > 0 || [...expected.values()].flat().includes(rule)) t.files++;
          for (const line of s.misses) detail.push(`miss ${mode.padEnd(7)} ${rule}: ${c}:${line}`);
          for (const line of s.falseReports) {
            const m = result.messages.find((x) => x.line === line && x.ruleId === `leakproof/${rule}`);
            detail.push(`false  ${mode.padEnd(7)} ${rule}: ${c}:${line}:${m.column} ${m.message.split('\n')[0].slice(0, 160)}`);
          }
        }
      }
      if (typed) parser.clearCaches();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  console.log(
    `bench unseen: ${options.folder}: ${cases.length} case files; leakproof ${plugin.meta.version}, preset ${options.preset}; ESLint ${require('eslint/package.json').version}, TypeScript ${require('typescript').version}`,
  );
  const width = Math.max(4, ...rules.map((r) => r.length));
  console.log(`${'rule'.padEnd(width)}  mode     expected  TP  FP  FN  precision  recall`);
  for (const rule of rules) {
    for (const mode of modes) {
      const t = totals[mode][rule];
      console.log(
        `${rule.padEnd(width)}  ${mode.padEnd(7)}  ${String(t.tp + t.fn).padStart(8)}  ${String(t.tp).padStart(2)}  ${String(t.fp).padStart(2)}  ${String(t.fn).padStart(2)}  ${ratio(t.tp, t.tp + t.fp).padStart(9)}  ${ratio(t.tp, t.tp + t.fn).padStart(6)}`,
      );
    }
  }
  if (!options.quiet) for (const line of detail) console.log(line);
  for (const p of problems) console.log(p);
  if (options.json) fs.writeFileSync(options.json, JSON.stringify({ folder: options.folder, rules, totals, detail, problems }, null, 2) + '\n');
  return problems.length > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main();

module.exports = { parseArgs, listCases, readExpectations, scoreFile };
