#!/usr/bin/env node
'use strict';
// `npm run example:heap`: the end-to-end example of docs/heap.md and the README, on the fixture
// fixtures/chat-session-actor (leaky.ts, fixed.ts, codec.ts). For each version it
//   1. compiles the TypeScript to CommonJS (a temporary folder),
//   2. runs the actor under traffic and writes a heap snapshot (drive.js, v8.writeHeapSnapshot),
//   3. analyses the snapshot with the source: leakproof heap SNAPSHOT --source fixtures/chat-session-actor,
//   4. runs the leak test leak.test.js (node --test, leakproof/test's assertNoLeaks).
// Exits 0 when the leaky version fails its leak test and the fixed one passes. Needs a build (npm run build).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..', '..');
const SCENARIO = 'fixtures/chat-session-actor';
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');

function compile(into) {
  const from = path.join(ROOT, SCENARIO);
  for (const name of fs.readdirSync(from).filter((n) => n.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(fs.readFileSync(path.join(from, name), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      fileName: name,
    });
    fs.writeFileSync(path.join(into, name.replace(/\.ts$/, '.js')), outputText);
  }
}

function node(args, env = {}) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 180_000 });
  if (result.error) throw result.error;
  return result;
}

function show(title, command, text) {
  console.log(`\n=== ${title}\n$ ${command}\n${text.trimEnd()}`);
}

/** node --test's spec output without stack frames, the error's fields or the recap of failures. */
function testSummary(text) {
  const lines = text.split('\n');
  const end = lines.findIndex((line) => /^\s+at /.test(line));
  const head = end < 0 ? lines.filter((line) => !line.startsWith('ℹ')) : lines.slice(0, end);
  const counts = lines.filter((line) => /^ℹ (tests|pass|fail) /.test(line));
  return [...head, ...counts].join('\n');
}

function main() {
  if (!fs.existsSync(BIN)) {
    console.error('example:heap: no build (dist/) found; run npm run build first');
    return 2;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-example-'));
  try {
    compile(dir);
    const outcome = {};
    for (const version of ['leaky', 'fixed']) {
      const actor = path.join(dir, `${version}.js`);
      const snapshot = path.join(dir, `${version}.heapsnapshot`);
      const drive = node([path.join(__dirname, 'drive.js'), actor, snapshot]);
      if (drive.status !== 0) throw new Error(`drive.js ${version} exited ${drive.status}: ${drive.stderr}`);
      const heap = node([BIN, 'heap', snapshot, '--source', SCENARIO]);
      if (heap.status === 2) throw new Error(`leakproof heap failed: ${heap.stderr}`);
      const shown = heap.stdout.split(snapshot).join(`${version}.heapsnapshot`);
      show(`${version}: heap snapshot analysed with the source`, `leakproof heap ${version}.heapsnapshot --source ${SCENARIO}`, shown);
      const test = node(['--test', '--test-reporter=spec', path.join(__dirname, 'leak.test.js')], { CHAT_SESSION_ACTOR: actor, NO_COLOR: '1', FORCE_COLOR: '0' });
      show(`${version}: leak test`, `CHAT_SESSION_ACTOR=${version}.js node --test scripts/example-heap/leak.test.js`, testSummary(test.stdout + test.stderr));
      outcome[version] = test.status;
    }
    const ok = outcome.leaky !== 0 && outcome.fixed === 0;
    console.log(`\nexample:heap: the leak test ${outcome.leaky !== 0 ? 'fails' : 'PASSES'} on leaky.ts and ${outcome.fixed === 0 ? 'passes' : 'FAILS'} on fixed.ts${ok ? '' : ' (unexpected)'}`);
    return ok ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main();
