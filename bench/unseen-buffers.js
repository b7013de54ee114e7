#!/usr/bin/env node
'use strict';
// Held-out scoring of the Buffer/string rules on bench/unseen/buffers (see its README for the
// `// expect:` convention). Lints each file alone with the built plugin's `all` preset (run
// `npm run build` first), untyped and typed (the folder's tsconfig.json), and prints per rule the hits,
// false reports, misses, precision and recall, then every line where typed mode reports less than
// untyped, and with --details every false report and miss.
//
// Usage: node bench/unseen-buffers.js [--dir DIR] [--details] [--fixes] [--json FILE]

const fs = require('node:fs');
const path = require('node:path');

const RULES = ['no-retained-view', 'no-retained-substring', 'no-buffer-slice', 'no-cloned-view', 'no-backing-buffer-escape'];
const MODES = ['untyped', 'typed'];

class UsageError extends Error {}

function parseArgs(argv) {
  const options = { dir: path.join(__dirname, 'unseen', 'buffers'), details: false, fixes: false, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dir') options.dir = path.resolve(argv[++i] ?? '');
    else if (arg === '--details') options.details = true;
    else if (arg === '--fixes') options.fixes = true;
    else if (arg === '--json') options.json = argv[++i];
    else throw new UsageError(`unknown argument: ${arg} (usage: bench/unseen-buffers.js [--dir DIR] [--details] [--fixes] [--json FILE])`);
  }
  if (!fs.existsSync(path.join(options.dir, 'tsconfig.json'))) throw new UsageError(`${options.dir}: no tsconfig.json (typed mode needs one)`);
  return options;
}

function listFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (/\.(?:[cm]?[jt]s)$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** Expectations of one file: [{ line, rule, typedOnly, tag }]. Throws on an unknown rule id. */
function parseExpectations(file, code) {
  const out = [];
  code.split('\n').forEach((text, index) => {
    const m = /\/\/\s*expect:\s*(.+)$/.exec(text);
    if (!m) return;
    for (const item of m[1].split(',')) {
      const words = item.trim().split(/\s+/).filter(Boolean);
      const rule = words.shift();
      if (!RULES.includes(rule)) throw new Error(`${file}:${index + 1}: unknown rule id in expect: ${rule}`);
      let typedOnly = false;
      let tag;
      for (const w of words) {
        if (w === 'typed') typedOnly = true;
        else if (w.startsWith('#') && w.length > 1) tag = w;
        else throw new Error(`${file}:${index + 1}: unknown word in expect: ${w}`);
      }
      out.push({ line: index + 1, rule, typedOnly, tag });
    }
  });
  return out;
}

function makeLinter() {
  const { Linter } = require('eslint');
  const parser = require('@typescript-eslint/parser');
  const pluginModule = require(path.join(__dirname, '..', 'dist', 'src', 'index.js'));
  const plugin = pluginModule.default ?? pluginModule;
  const all = plugin.configs.all;
  return function lint(file, typed, tsconfig) {
    const code = fs.readFileSync(file, 'utf8');
    const linter = new Linter({ cwd: path.dirname(tsconfig) });
    const config = [
      {
        files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
        languageOptions: {
          parser,
          sourceType: /\.c[jt]s$/.test(file) ? 'commonjs' : 'module',
          ecmaVersion: 'latest',
          parserOptions: typed ? { project: tsconfig, tsconfigRootDir: path.dirname(tsconfig) } : {},
        },
        plugins: all.plugins,
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        rules: all.rules,
      },
    ];
    const messages = linter.verify(code, config, { filename: file });
    const fatal = messages.find((m) => m.fatal);
    if (fatal) throw new Error(`${file}:${fatal.line}:${fatal.column}: ${fatal.message}`);
    return messages
      .filter((m) => typeof m.ruleId === 'string' && RULES.includes(m.ruleId.replace(/^leakproof\//, '')))
      .map((m) => ({ line: m.line, rule: m.ruleId.replace(/^leakproof\//, ''), message: m.message, fix: m.fix, suggestions: (m.suggestions ?? []).length }));
  };
}

/** Scores one file in one mode: per rule { tp, fp, fn }, and the false reports and misses. */
function scoreFile(expectations, reports, typed) {
  const perRule = Object.fromEntries(RULES.map((r) => [r, { tp: 0, fp: 0, fn: 0 }]));
  const falseReports = [];
  const misses = [];
  const remaining = new Map(); // `${rule}:${line}` -> reports left
  for (const r of reports) remaining.set(`${r.rule}:${r.line}`, (remaining.get(`${r.rule}:${r.line}`) ?? 0) + 1);
  const take = (rule, line) => {
    const key = `${rule}:${line}`;
    const n = remaining.get(key) ?? 0;
    if (n === 0) return false;
    remaining.set(key, n - 1);
    return true;
  };
  const ignored = new Set(); // typed-only expectations in untyped mode: reports there are not judged
  const groups = new Map();
  for (const e of expectations) {
    if (e.typedOnly && !typed) {
      ignored.add(`${e.rule}:${e.line}`);
      continue;
    }
    if (e.tag) {
      const key = `${e.rule}${e.tag}`;
      if (!groups.has(key)) groups.set(key, { rule: e.rule, lines: [] });
      groups.get(key).lines.push(e.line);
      continue;
    }
    if (take(e.rule, e.line)) perRule[e.rule].tp++;
    else {
      perRule[e.rule].fn++;
      misses.push({ rule: e.rule, line: e.line });
    }
  }
  for (const { rule, lines } of groups.values()) {
    let hit = false;
    for (const line of lines) while (take(rule, line)) hit = true;
    if (hit) perRule[rule].tp++;
    else {
      perRule[rule].fn++;
      misses.push({ rule, line: lines.join('|') });
    }
  }
  for (const [key, n] of remaining) {
    if (n === 0 || ignored.has(key)) continue;
    const [rule, line] = key.split(':');
    perRule[rule].fp += n;
    for (let i = 0; i < n; i++) falseReports.push({ rule, line: Number(line) });
  }
  return { perRule, falseReports, misses };
}

function ratio(a, b) {
  return b === 0 ? '-' : (a / b).toFixed(2);
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const tsconfig = path.join(options.dir, 'tsconfig.json');
  const lint = makeLinter();
  const files = listFiles(options.dir);
  const totals = Object.fromEntries(MODES.map((m) => [m, Object.fromEntries(RULES.map((r) => [r, { tp: 0, fp: 0, fn: 0 }]))]));
  const details = { untyped: [], typed: [] };
  const fixes = [];
  const typedLess = [];
  const json = [];
  for (const file of files) {
    const rel = path.relative(options.dir, file);
    const expectations = parseExpectations(rel, fs.readFileSync(file, 'utf8'));
    const byMode = {};
    for (const mode of MODES) {
      const reports = lint(file, mode === 'typed', tsconfig);
      byMode[mode] = reports;
      const s = scoreFile(expectations, reports, mode === 'typed');
      for (const r of RULES) for (const k of ['tp', 'fp', 'fn']) totals[mode][r][k] += s.perRule[r][k];
      for (const f of s.falseReports) details[mode].push(`FP ${f.rule} ${rel}:${f.line}`);
      for (const f of s.misses) details[mode].push(`FN ${f.rule} ${rel}:${f.line}`);
      for (const r of reports) if (r.fix) fixes.push(`${mode} ${r.rule} ${rel}:${r.line} -> ${JSON.stringify(r.fix.text)}`);
    }
    const count = (reports) => {
      const m = new Map();
      for (const r of reports) m.set(`${r.rule}:${r.line}`, (m.get(`${r.rule}:${r.line}`) ?? 0) + 1);
      return m;
    };
    const u = count(byMode.untyped);
    const t = count(byMode.typed);
    for (const [key, n] of u) if ((t.get(key) ?? 0) < n) typedLess.push(`${rel}:${key.split(':')[1]} ${key.split(':')[0]} (untyped ${n}, typed ${t.get(key) ?? 0})`);
    json.push({ file: rel, expectations, untyped: byMode.untyped, typed: byMode.typed });
  }
  console.log(`${files.length} files in ${path.relative(process.cwd(), options.dir) || '.'}`);
  for (const mode of MODES) {
    console.log(`\n${mode}`);
    console.log('rule                       TP  FP  FN  precision  recall');
    const sum = { tp: 0, fp: 0, fn: 0 };
    for (const r of RULES) {
      const { tp, fp, fn } = totals[mode][r];
      sum.tp += tp;
      sum.fp += fp;
      sum.fn += fn;
      console.log(`${r.padEnd(26)} ${String(tp).padStart(3)} ${String(fp).padStart(3)} ${String(fn).padStart(3)}  ${ratio(tp, tp + fp).padStart(9)}  ${ratio(tp, tp + fn).padStart(6)}`);
    }
    console.log(`${'all'.padEnd(26)} ${String(sum.tp).padStart(3)} ${String(sum.fp).padStart(3)} ${String(sum.fn).padStart(3)}  ${ratio(sum.tp, sum.tp + sum.fp).padStart(9)}  ${ratio(sum.tp, sum.tp + sum.fn).padStart(6)}`);
    if (options.details) for (const d of details[mode].sort()) console.log(`  ${d}`);
  }
  console.log(`\ntyped reports less than untyped: ${typedLess.length}`);
  for (const line of typedLess) console.log(`  ${line}`);
  console.log(`\nautofixes applied: ${fixes.length}`);
  if (options.fixes) for (const line of fixes) console.log(`  ${line}`);
  if (options.json) fs.writeFileSync(options.json, JSON.stringify(json, null, 2));
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof UsageError ? error.message : error.stack ?? String(error));
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}

module.exports = { parseExpectations, scoreFile, RULES };
