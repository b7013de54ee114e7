'use strict';
// Held-out scoring: lints a folder of small case files with the built plugin (dist/), untyped and typed, and
// prints per rule true reports, false reports and misses, precision and recall.
//
// A case marks each report it expects with a comment on the line where the report starts:
//   workers[i++ % n].postMessage(job); // expect: no-middleman-forwarding
//   const view = chunk.subarray(4); // expect: no-retained-view, no-cloned-view
// After a rule id, `typed` expects the report in typed mode only, and `#tag` expects one report on any of
// the lines sharing the tag. Every other report of a scored rule is a false report; an expected report that
// does not come is a miss. With both modes it lists the lines where typed mode reports less than untyped,
// and it counts the autofixes the scored rules offer.
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
const { makeFileLinter } = require('./lint-file');

const ROOT = path.resolve(__dirname, '..');
const CASE_EXT = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const EXPECT = /\/\/\s*expect:\s*([^\r\n]+)/g;
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

/**
 * Expected reports of one file, one entry per expected report: `// expect: rule[, rule]` on the line the
 * report starts. After a rule id, `typed` marks a report only typed mode is expected to make (the rule's
 * docs say untyped stays quiet there), and `#tag` makes one report expected on any of the lines sharing
 * that tag (`#p` on the split and on the kept part). Throws on a word it cannot read.
 */
function readExpectations(code, file = 'case') {
  const out = [];
  code.split(/\r?\n/).forEach((text, index) => {
    for (const match of text.matchAll(EXPECT)) {
      for (const item of match[1].split(',')) {
        const words = item.trim().split(/\s+/).filter(Boolean);
        const rule = words.shift();
        if (!rule) continue;
        let typedOnly = false;
        let tag;
        for (const word of words) {
          if (word === 'typed') typedOnly = true;
          else if (word.startsWith('#') && word.length > 1) tag = word;
          else throw new UsageError(`${file}:${index + 1}: unknown word in expect: ${word}`);
        }
        out.push({ line: index + 1, rule, typedOnly, tag });
      }
    }
  });
  return out;
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

/**
 * Scores one file for the scored rules by the line each report starts on: per rule { tp, fp, fn,
 * falseReports: [line], misses: [line or 'a|b' for a tagged group] }. A tagged group counts once, hit by a
 * report on any of its lines. Untyped, a `typed` expectation is skipped, and a report on its line is
 * neither a hit nor a false report.
 */
function scoreFile(expectations, messages, rules, typed = false) {
  const out = {};
  for (const rule of rules) {
    const remaining = new Map();
    for (const m of messages) if (m.ruleId === `leakproof/${rule}`) remaining.set(m.line, (remaining.get(m.line) ?? 0) + 1);
    const take = (line) => {
      const n = remaining.get(line) ?? 0;
      if (n === 0) return false;
      remaining.set(line, n - 1);
      return true;
    };
    const s = { tp: 0, fp: 0, fn: 0, falseReports: [], misses: [] };
    const ignored = new Set();
    const groups = new Map();
    for (const e of expectations) {
      if (e.rule !== rule) continue;
      if (e.typedOnly && !typed) {
        ignored.add(e.line);
        continue;
      }
      if (e.tag) {
        groups.set(e.tag, [...(groups.get(e.tag) ?? []), e.line]);
        continue;
      }
      if (take(e.line)) s.tp++;
      else s.misses.push(e.line);
    }
    for (const lines of groups.values()) {
      let hit = false;
      for (const line of lines) while (take(line)) hit = true;
      if (hit) s.tp++;
      else s.misses.push(lines.join('|'));
    }
    for (const [line, n] of remaining) {
      if (ignored.has(line)) continue;
      for (let i = 0; i < n; i++) s.falseReports.push(line);
    }
    s.falseReports.sort((a, b) => a - b);
    s.fn = s.misses.length;
    s.fp = s.falseReports.length;
    out[rule] = s;
  }
  return out;
}

/** Lines where typed mode makes fewer reports of a rule than untyped: `file:line rule (untyped n, typed m)`. */
function typedLess(file, untypedMessages, typedMessages) {
  const count = (messages) => {
    const m = new Map();
    for (const x of messages) m.set(`${x.ruleId}:${x.line}`, (m.get(`${x.ruleId}:${x.line}`) ?? 0) + 1);
    return m;
  };
  const u = count(untypedMessages);
  const t = count(typedMessages);
  const out = [];
  for (const [key, n] of u) {
    const [ruleId, line] = key.split(':');
    if ((t.get(key) ?? 0) < n) out.push(`${file}:${line} ${ruleId.replace(/^leakproof\//, '')} (untyped ${n}, typed ${t.get(key) ?? 0})`);
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
  let expectations;
  try {
    expectations = new Map(cases.map((c) => [c, readExpectations(fs.readFileSync(path.join(folder, c), 'utf8'), c)]));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench unseen: ${error.message}`);
    return 2;
  }
  const plugin = require(distEntry);
  const known = new Set(Object.keys(plugin.rules));
  const named = [...new Set([...expectations.values()].flatMap((list) => list.map((e) => e.rule)))];
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
    const preset = plugin.configs[options.preset];
    if (!preset) throw new UsageError(`--preset: no config ${options.preset} (have ${Object.keys(plugin.configs).join(', ')})`);
    const lintFile = makeFileLinter(parser, plugin, preset);
    lint = (file, { typed, tsconfig }) => lintFile(file, { typed, tsconfig, cwd: path.dirname(tsconfig) });
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
  const byCase = new Map();
  let autofixes = 0;
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
        const scored = scoreFile(expected, result.messages, rules, typed);
        byCase.set(`${mode}:${c}`, result.messages);
        autofixes += result.messages.filter((m) => m.fix && rules.includes(m.ruleId.replace(/^leakproof\//, ''))).length;
        for (const rule of rules) {
          const s = scored[rule];
          const t = totals[mode][rule];
          t.tp += s.tp;
          t.fp += s.fp;
          t.fn += s.fn;
          if (s.tp + s.fn + s.fp > 0 || expected.some((e) => e.rule === rule)) t.files++;
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
  const less = modes.length === 2 ? cases.flatMap((c) => typedLess(c, byCase.get(`untyped:${c}`), byCase.get(`typed:${c}`))) : [];
  if (modes.length === 2) {
    console.log(`typed reports less than untyped: ${less.length}`);
    for (const line of less) console.log(`  ${line}`);
  }
  console.log(`autofixes applied: ${autofixes}`);
  for (const p of problems) console.log(p);
  if (options.json) fs.writeFileSync(options.json, JSON.stringify({ folder: options.folder, rules, totals, detail, typedLess: less, autofixes, problems }, null, 2) + '\n');
  return problems.length > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main();

module.exports = { parseArgs, listCases, readExpectations, scoreFile, typedLess };
