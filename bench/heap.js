#!/usr/bin/env node
'use strict';
// Benchmark of `leakproof heap` (issue 5): generates a heap snapshot of at least 300 MB (1 GB with
// --big) in bench/.work/, reusing it when present, then measures in separate child processes, one after
// the other: leakproof's analyzer (Node's default heap limit), a plain JSON.parse of the file (where the
// file fits in one V8 string) and memlab's loader (@memlab/core, installed on demand into
// bench/heap-reference). Each child reports its own wall time and peak RSS (process.resourceUsage().maxRSS).
//
//   node bench/heap.js            300 MB snapshot, all three
//   node bench/heap.js --big      also a 1 GB snapshot, leakproof only, default heap limit
//   node bench/heap.js --no-memlab
//   node bench/heap.js --source-only   only `heap --source` against a lint plus the analysis alone
// Needs a build first (npm run build): it loads ../dist/src/heap.

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const WORK = path.join(__dirname, '.work');
const REFERENCE = path.join(__dirname, 'heap-reference');
const MB = 1e6;
// Room for the references only; leakproof runs with Node's default heap limit.
const REFERENCE_HEAP = ['--max-old-space-size=16384'];

// ---------------------------------------------------------------- child roles

/** Builds a heap of about `records` records with known retention, then writes a snapshot to `out`. */
function generate(out, records) {
  const v8 = require('node:v8');
  class SessionActor {
    constructor(id) {
      this.id = id;
      this.frames = new Map();
    }
  }
  const actors = [];
  for (let a = 0; a < 20; a++) {
    const actor = new SessionActor(a);
    for (let i = 0; i < 100; i++) actor.frames.set(i, Buffer.alloc(64 * 1024, i).subarray(0, 16));
    actors.push(actor);
  }
  const pinned = [];
  for (let i = 0; i < 5000; i++) {
    for (let j = 0; j < 4; j++) Buffer.from('x'.repeat(2000));
    pinned.push(Buffer.from(Buffer.alloc(300, i).subarray(0, 16)));
  }
  const lines = [];
  for (let i = 0; i < 200; i++) lines.push(`${i}:${'y'.repeat(100000)}`.slice(0, 40));
  // The bulk: records of a user cache with unique strings, nested arrays and a few links.
  const users = new Map();
  let previous = null;
  for (let i = 0; i < records; i++) {
    const user = {
      id: i,
      name: `user-${i}-${(i * 2654435761) % 1000003}`,
      email: `u${i}@example.org`,
      tags: [`t${i % 1000}`, `g${i % 37}`],
      score: i * 1.5,
      previous,
    };
    previous = i % 100 === 0 ? null : user;
    users.set(user.name, user);
  }
  globalThis.bench = { actors, pinned, lines, users };
  v8.writeHeapSnapshot(out);
}

function measureLeakproof(file) {
  const { analyzeHeapSnapshot } = require(path.join(ROOT, 'dist', 'src', 'heap'));
  const start = process.hrtime.bigint();
  return analyzeHeapSnapshot(file).then((result) => ({
    ms: Number(process.hrtime.bigint() - start) / 1e6,
    note: `${result.retainedViews.length + result.pinnedSlabs.length + result.slicedStrings.length} groups, ${result.summary.nodeCount} nodes`,
  }));
}

async function measureJsonParse(file) {
  const start = process.hrtime.bigint();
  const size = fs.statSync(file).size;
  // V8's maximum string length: (1 << 29) - 24 characters on 64-bit (V8 6.2 to 12.x, Node 8 to 22).
  if (size > (1 << 29) - 24) return { ms: null, note: `does not fit: ${(size / MB).toFixed(0)} MB exceeds V8's maximum string length` };
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, note: `${parsed.snapshot.node_count} nodes` };
}

async function measureMemlab(file) {
  const core = require(path.join(REFERENCE, 'node_modules', '@memlab', 'core'));
  const start = process.hrtime.bigint();
  // What @memlab/heap-analysis' getFullHeapFromFile does: parse, build the node index.
  const heap = await core.utils.getSnapshotFromFile(file, { buildNodeIdIndex: true });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, note: `${heap.nodes.length} nodes` };
}

const ROLES = { leakproof: measureLeakproof, 'json-parse': measureJsonParse, memlab: measureMemlab };

async function child(role, file) {
  if (role === 'generate') {
    generate(file, Number(process.argv[5]));
    return;
  }
  const result = await ROLES[role](file);
  // maxRSS is in kilobytes (KiB on Linux).
  const peakMB = (process.resourceUsage().maxRSS * 1024) / MB;
  process.stdout.write(`\nBENCH ${JSON.stringify({ ...result, peakMB })}\n`);
}

// ---------------------------------------------------------------- parent

function snapshotFile(name, records, minBytes) {
  fs.mkdirSync(WORK, { recursive: true });
  const file = path.join(WORK, name);
  if (fs.existsSync(file) && fs.statSync(file).size >= minBytes) return file;
  process.stderr.write(`generating ${path.relative(ROOT, file)} (${records} records)...\n`);
  const start = Date.now();
  // Written under a private name and renamed: two bench runs at once never share a half-written file.
  const partial = `${file}.${process.pid}.partial`;
  const result = spawnSync(process.execPath, ['--max-old-space-size=16384', __filename, '--child', 'generate', partial, String(records)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    fs.rmSync(partial, { force: true });
    throw new Error(`generating ${name} failed (${result.status ?? result.signal})`);
  }
  fs.renameSync(partial, file);
  const size = fs.statSync(file).size;
  process.stderr.write(`  ${(size / MB).toFixed(0)} MB in ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
  if (size < minBytes) throw new Error(`${name} is ${(size / MB).toFixed(0)} MB, under ${(minBytes / MB).toFixed(0)} MB: raise the record count`);
  return file;
}

function ensureMemlab() {
  if (fs.existsSync(path.join(REFERENCE, 'node_modules', '@memlab', 'core'))) return true;
  process.stderr.write('installing @memlab/core into bench/heap-reference (npm ci, PUPPETEER_SKIP_DOWNLOAD=1)...\n');
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['ci', '--prefix', REFERENCE, '--no-audit', '--no-fund'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
    });
    return true;
  } catch (error) {
    process.stderr.write(`  could not install memlab: ${String(error.message).split('\n')[0]}\n`);
    return false;
  }
}

function run(role, file, nodeArgs = []) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...nodeArgs, __filename, '--child', role, file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const line = (result.stdout || '').split('\n').find((l) => l.startsWith('BENCH '));
  if (result.status !== 0 || !line) {
    const why = (result.stderr || '').split('\n').find((l) => /heap out of memory|Error|error/.test(l)) || `exit ${result.status ?? result.signal}`;
    return { failed: why.trim().slice(0, 160), wallMs };
  }
  return { ...JSON.parse(line.slice(6)), wallMs };
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const describe = (name, r) =>
  r.failed ? `${name}: failed (${r.failed})` : r.ms == null ? `${name}: ${r.note}` : `${name}: ${seconds(r.ms)}, peak ${r.peakMB.toFixed(0)} MB`;

/** Wall time of one `leakproof ...` run in a child process (startup included, as users pay it). */
function cli(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'cli', 'main.js'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status === 2 || result.error) throw new Error(`leakproof ${args.join(' ')} failed: ${(result.stderr || String(result.error)).split('\n')[0]}`);
  return ms;
}

/**
 * `leakproof heap SNAPSHOT --source DIR` against its parts run alone, side by side in one run: a lint
 * of DIR and the heap analysis without source, each in its own process, `rounds` times in alternation
 * (medians). Target (issue 14): --source costs no more than the two together.
 */
function compareSource(label, snapshot, source, rounds) {
  const times = { lint: [], heap: [], source: [] };
  for (let round = 0; round < rounds; round++) {
    times.lint.push(cli(['lint', source, '--format', 'json']));
    times.heap.push(cli(['heap', snapshot, '--json']));
    times.source.push(cli(['heap', snapshot, '--json', '--source', source]));
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const lint = median(times.lint);
  const heap = median(times.heap);
  const both = median(times.source);
  const ratio = both / (lint + heap);
  console.log(
    `heap --source, ${label}: lint ${seconds(lint)} + heap ${seconds(heap)} = ${seconds(lint + heap)} alone; heap --source ${seconds(both)} ` +
      `(${ratio.toFixed(2)}x the two; target <= 1: ${ratio <= 1 ? 'met' : 'NOT met'}), median of ${rounds}`,
  );
}

/** The chat-session-actor fixture compiled and driven (scripts/example-heap/drive.js) into a small snapshot. */
function fixtureSnapshot() {
  fs.mkdirSync(WORK, { recursive: true });
  const out = path.join(WORK, 'chat-session-actor');
  fs.mkdirSync(out, { recursive: true });
  const ts = require('typescript');
  const from = path.join(ROOT, 'fixtures', 'chat-session-actor');
  for (const name of fs.readdirSync(from).filter((n) => n.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(fs.readFileSync(path.join(from, name), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    });
    fs.writeFileSync(path.join(out, name.replace(/\.ts$/, '.js')), outputText);
  }
  const file = path.join(out, 'leaky.heapsnapshot');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'example-heap', 'drive.js'), path.join(out, 'leaky.js'), file], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`drive.js failed (${result.status ?? result.signal})`);
  return file;
}

function compare(file, { memlab }) {
  const size = fs.statSync(file).size;
  process.stderr.write(`measuring ${path.relative(ROOT, file)} (${(size / MB).toFixed(0)} MB)...\n`);
  const ours = run('leakproof', file);
  const json = run('json-parse', file, REFERENCE_HEAP);
  const ref = memlab ? run('memlab', file, REFERENCE_HEAP) : { failed: 'skipped (--no-memlab or not installed)' };
  const parts = [describe('heap analyzer', ours), describe('JSON.parse', json), describe('memlab', ref)];
  if (!ours.failed && !ref.failed && ref.ms != null) {
    const speed = ref.ms / ours.ms;
    const memory = ours.peakMB / ref.peakMB;
    parts.push(
      `ratio ${speed.toFixed(1)}x faster, ${memory.toFixed(2)}x memory (targets >= 3x, <= 0.5x: ${speed >= 3 && memory <= 0.5 ? 'met' : 'NOT met'})`,
    );
  }
  console.log(`heap ${(size / MB).toFixed(0)} MB snapshot | ${parts.join(' | ')}`);
  if (!ours.failed) console.log(`  heap analyzer found ${ours.note}`);
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1], args[2]);
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'heap', 'index.js'))) {
    console.error('bench/heap.js: build first (npm run build)');
    process.exitCode = 2;
    return;
  }
  if (args.includes('--source-only')) {
    compareSource('fixtures/chat-session-actor (example snapshot)', fixtureSnapshot(), 'fixtures/chat-session-actor', 3);
    return;
  }
  const memlab = !args.includes('--no-memlab') && ensureMemlab();
  const big = snapshotFile('bench-300mb.heapsnapshot', 400_000, 300 * MB);
  compare(big, { memlab });
  compareSource('fixtures/chat-session-actor (example snapshot)', fixtureSnapshot(), 'fixtures/chat-session-actor', 3);
  compareSource(`fixtures/ (every scenario) on the ${(fs.statSync(big).size / MB).toFixed(0)} MB snapshot`, big, 'fixtures', 1);
  if (args.includes('--big')) {
    const big = snapshotFile('bench-1gb.heapsnapshot', 1_300_000, 1000 * MB);
    const size = fs.statSync(big).size;
    const ours = run('leakproof', big);
    console.log(`heap ${(size / MB).toFixed(0)} MB snapshot, default heap limit | ${describe('heap analyzer', ours)}`);
  }
}

main().catch((error) => {
  console.error(`bench/heap.js: ${error.stack || error}`);
  process.exitCode = 1;
});
