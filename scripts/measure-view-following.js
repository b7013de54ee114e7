'use strict';
// Measures the V8 behaviours the loader's way of recording views rests on (docs/runtime.md, "Where the
// loader's time goes"), on the Node it runs on:
//   npm run build && node scripts/measure-view-following.js
// Each part runs in a child process of its own (a fresh heap, its own V8 flags):
//  1. following each view: a loop makes 2,000,000 small views of one 64 KB Buffer, reads each, and follows
//     it one way: not at all; a FinalizationRegistry entry; a WeakRef; a WeakMap entry; the site id in a
//     private field of the view. CPU ns per view, and the collections it caused: a way that keeps views
//     alive through scavenges (V8's young-generation collections) makes fewer, longer ones and a bigger heap.
//  2. the stamped views' hidden class: the same private field, in rounds whose stamped views all die,
//     with and without one stamped view kept alive; the deoptimizations V8 makes for "weak objects"
//     (--trace-deopt) and CPU per round.
//  3. WeakRef keeps its target alive until the current job ends (ECMA-262 AddToKeptObjects): a dropped
//     view with a WeakRef made in this job survives gc() until the job ends.
//  4. finalizers: how many event-loop turns it takes for three FinalizationRegistries' callbacks to run
//     after one gc().
//  5. the loader's helper (dist/): the time to install it (node:inspector loaded, one probe session), and
//     report()'s time to list the live views (a full collection and a heap walk) at a few heap sizes,
//     next to the CPU time of one gc() at the same size.
//  6. the memory a stamp adds to a view kept alive: 100,000 kept views, stamped or not.
//  7. what a report leaves behind: bench/frame-loop.js's loop in rounds, with the loader's helper stamping
//     views, with and without a report() between rounds: CPU of the plain loop a round, and how often V8
//     deoptimized the loop's function (--trace-deopt).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const part = process.argv[2];

/** Runs `node FLAGS this-file PART...` and returns its stdout. */
function run(flags, ...partArgs) {
  const child = spawnSync(process.execPath, [...flags, __filename, ...partArgs], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`${partArgs.join(' ')} exited ${child.status}: ${child.stderr}`);
  return child.stdout;
}

function cpuMs(start) {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function collections() {
  const { PerformanceObserver, constants } = require('node:perf_hooks');
  const counts = { minor: 0, major: 0, minorMs: 0, majorMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = entry.detail?.kind ?? entry.kind;
      const which = kind === constants.NODE_PERFORMANCE_GC_MINOR ? 'minor' : 'major';
      counts[which]++;
      counts[`${which}Ms`] += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return { counts, stop: () => observer.disconnect() };
}

// --------------------------------------------------------------------------------------- child parts

class ReturnsItsArgument {
  constructor(value) {
    return value;
  }
}
let pendingId = '';
class SiteStamp extends ReturnsItsArgument {
  #site = pendingId;
  static has(value) {
    return #site in value;
  }
}
function stamp(view, id) {
  if (SiteStamp.has(view)) return;
  pendingId = id;
  new SiteStamp(view);
}

async function followPart(way) {
  const registry = new FinalizationRegistry(() => {});
  const map = new WeakMap();
  let refs = [];
  const chunk = Buffer.alloc(65536);
  const ID = 'app.js\u000012\u000030\u0000subarray\u0000leakproof/no-retained-view';
  let sink = 0;
  const follow = {
    none: () => {},
    finalizer: (view) => registry.register(view, 1),
    weakref: (view) => refs.push(new WeakRef(view)),
    weakmap: (view) => map.set(view, ID),
    stamp: (view) => stamp(view, ID),
  }[way];
  // A stamped view kept, as the runtime keeps one (part 2 shows why).
  const shape = chunk.subarray(0, 1);
  stamp(shape, '');
  globalThis.shape = shape;
  const loop = (count) => {
    for (let i = 0; i < count; i++) {
      const view = chunk.subarray(i & 1023, (i & 1023) + 30);
      follow(view);
      sink += view.readUInt32BE(4);
    }
  };
  loop(100_000); // warm up
  await new Promise((resolve) => setImmediate(resolve));
  const gcs = collections();
  const views = 2_000_000;
  const start = process.cpuUsage();
  for (let round = 0; round < 20; round++) {
    loop(views / 20);
    if (refs.length > 500_000) refs = [];
  }
  const cpu = cpuMs(start);
  await new Promise((resolve) => setTimeout(resolve, 20));
  gcs.stop();
  const { counts } = gcs;
  console.log(JSON.stringify({ way, nsPerView: (cpu * 1e6) / views, ...counts, heapMiB: process.memoryUsage().heapUsed / 1048576, sink: sink > 0 }));
}

async function shapePart(keep) {
  const chunk = Buffer.alloc(65536);
  if (keep) {
    const shape = chunk.subarray(0, 1);
    stamp(shape, '');
    globalThis.shape = shape;
  }
  const ID = 'app.js\u000012\u000030\u0000subarray\u0000leakproof/no-retained-view';
  const round = () => {
    let sink = 0;
    for (let i = 0; i < 100_000; i++) {
      const view = chunk.subarray(i & 1023, (i & 1023) + 30);
      stamp(view, ID);
      sink += view.readUInt32BE(4) + view.subarray(2).length + view.toString('latin1').length;
    }
    return sink;
  };
  const times = [];
  for (let i = 0; i < 14; i++) {
    const start = process.cpuUsage();
    round();
    if (i >= 4) times.push(cpuMs(start));
    global.gc(); // every stamped view of the round is garbage now
    await new Promise((resolve) => setImmediate(resolve));
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ keep, msPerRound: times[times.length >> 1] }));
}

async function weakRefPart() {
  let ref;
  (() => {
    ref = new WeakRef(Buffer.alloc(65536).subarray(0, 8));
  })();
  global.gc();
  const sameJob = ref.deref() !== undefined;
  await new Promise((resolve) => setImmediate(resolve));
  global.gc();
  const nextJob = ref.deref() !== undefined;
  console.log(JSON.stringify({ sameJob, nextJob }));
}

async function finalizerPart() {
  const called = [0, 0, 0];
  const registries = called.map((_, i) => new FinalizationRegistry(() => called[i]++));
  (() => {
    for (let i = 0; i < 1000; i++) for (const registry of registries) registry.register({}, 1);
  })();
  global.gc();
  const turns = [];
  for (let turn = 1; turn <= 4; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
    turns.push(called.filter((count) => count === 1000).length);
  }
  console.log(JSON.stringify({ turns }));
}

async function reportPart() {
  const root = path.join(__dirname, '..', 'dist', 'src', 'runtime');
  const { installViewHelper, loaderRecording } = require(path.join(root, 'static-sites'));
  const { report } = require(path.join(root, 'index'));
  const installStart = process.hrtime.bigint();
  if (!installViewHelper() || loaderRecording() !== 'stamps') throw new Error('the loader helper does not stamp views here');
  const installMs = Number(process.hrtime.bigint() - installStart) / 1e6;
  const view = globalThis.__leakproof_view;
  const ID = 'app.js\u000012\u000030\u0000subarray\u0000leakproof/no-retained-view';
  const held = [];
  const results = [];
  for (const objects of [0, 1_000_000, 4_000_000]) {
    while (held.length < objects) held.push({ id: held.length, tags: [held.length] });
    const chunk = Buffer.alloc(65536);
    const views = [];
    for (let i = 0; i < 10_000; i++) views.push(view(ID, chunk.subarray(i % 1000, (i % 1000) + 8)));
    globalThis.views = views;
    const gcStart = process.cpuUsage();
    global.gc();
    const gcCpuMs = cpuMs(gcStart);
    const start = process.cpuUsage();
    const wall = process.hrtime.bigint();
    const result = report();
    results.push({
      heapMiB: Math.round(process.memoryUsage().heapUsed / 1048576),
      ms: Number(process.hrtime.bigint() - wall) / 1e6,
      cpuMs: cpuMs(start),
      gcCpuMs,
      liveViews: result.sites.reduce((sum, site) => sum + site.liveViews, 0),
    });
  }
  console.log(JSON.stringify({ installMs, results }));
}

async function memoryPart(stamped) {
  const chunk = Buffer.alloc(65536);
  const kept = [];
  const shape = chunk.subarray(0, 1);
  stamp(shape, '');
  global.gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 100_000; i++) {
    const view = chunk.subarray(i % 1000, (i % 1000) + 8);
    if (stamped) stamp(view, 'app.js\u000012\u000030\u0000subarray\u0000leakproof/no-retained-view');
    kept.push(view);
  }
  global.gc();
  console.log(JSON.stringify({ bytesPerView: (process.memoryUsage().heapUsed - before) / kept.length }));
}

async function afterReportPart(withReports) {
  const root = path.join(__dirname, '..');
  const { installViewHelper, loaderRecording } = require(path.join(root, 'dist', 'src', 'runtime', 'static-sites'));
  const { report } = require(path.join(root, 'dist', 'src', 'runtime'));
  const { instrument } = require(path.join(root, 'dist', 'src', 'register', 'instrument'));
  const frameLoopFile = path.join(root, 'bench', 'frame-loop.js');
  const { parseAll, buildChunks } = require(frameLoopFile);
  if (!installViewHelper() || loaderRecording() !== 'stamps') throw new Error('the loader helper does not stamp views here');
  const Module = require('node:module');
  const instrumented = new Module(frameLoopFile, module);
  instrumented.filename = frameLoopFile;
  instrumented._compile(instrument(require('node:fs').readFileSync(frameLoopFile, 'utf8'), frameLoopFile, 'commonjs').code, frameLoopFile);
  const { chunks } = buildChunks(120);
  const times = [];
  for (let round = 0; round < 12; round++) {
    global.gc();
    const start = process.cpuUsage();
    parseAll(chunks, new Map());
    if (round >= 2) times.push(cpuMs(start));
    instrumented.exports.parseAll(chunks, new Map());
    if (withReports) report();
    await new Promise((resolve) => setImmediate(resolve));
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ withReports, plainMs: times[times.length >> 1] }));
}

// ------------------------------------------------------------------------------------------- parent

function main() {
  console.log(`Node ${process.version}, V8 ${process.versions.v8}`);
  console.log('1. following each of 2,000,000 views (CPU ns per view over the loop; collections during the loop):');
  const base = JSON.parse(run(['--expose-gc'], 'follow', 'none').trim());
  for (const way of ['none', 'finalizer', 'weakref', 'weakmap', 'stamp']) {
    const result = way === 'none' ? base : JSON.parse(run(['--expose-gc'], 'follow', way).trim());
    console.log(
      `   ${way.padEnd(9)} ${result.nsPerView.toFixed(0).padStart(5)} ns per view (${(result.nsPerView - base.nsPerView).toFixed(0).padStart(5)} over none); ` +
        `${result.minor} scavenges (${result.minorMs.toFixed(0)} ms), ${result.major} full collections (${result.majorMs.toFixed(0)} ms); heap ${result.heapMiB.toFixed(0)} MiB after`,
    );
  }
  console.log('2. stamped views that all die between rounds (100,000 a round), CPU per round and deoptimizations for "weak objects":');
  for (const keep of [false, true]) {
    const out = run(['--expose-gc', '--trace-deopt'], 'shape', keep ? 'keep' : 'drop');
    const result = JSON.parse(out.trim().split('\n').pop());
    const deopts = out.split('\n').filter((line) => line.includes('reason: weak objects')).length;
    console.log(`   ${keep ? 'one stamped view kept' : 'none kept'.padEnd(21)}: ${result.msPerRound.toFixed(1)} ms a round, ${deopts} functions deoptimized for weak objects in 14 rounds`);
  }
  const weak = JSON.parse(run(['--expose-gc'], 'weakref').trim());
  console.log(`3. a dropped view with a WeakRef made in this job: alive after gc() in the same job: ${weak.sameJob}; after the job ended and gc(): ${weak.nextJob}`);
  const finalizers = JSON.parse(run(['--expose-gc'], 'finalizers').trim());
  console.log(`4. three FinalizationRegistries after one gc(): registries whose callbacks had all run after 1, 2, 3, 4 turns of the event loop: ${finalizers.turns.join(', ')}`);
  const reports = JSON.parse(run(['--expose-gc'], 'report').trim());
  console.log(`5. installing the loader's helper (loading node:inspector, one probe session): ${reports.installMs.toFixed(1)} ms`);
  console.log('   report() with the loader stamping (10,000 live views, a growing heap of small objects):');
  for (const result of reports.results) {
    console.log(
      `   heap ${String(result.heapMiB).padStart(4)} MiB: ${result.ms.toFixed(0)} ms (${result.cpuMs.toFixed(0)} ms of CPU time; one gc() just before: ${result.gcCpuMs.toFixed(0)} ms), ${result.liveViews} live views counted`,
    );
  }
  const plain = JSON.parse(run(['--expose-gc'], 'memory', 'plain').trim());
  const stamped = JSON.parse(run(['--expose-gc'], 'memory', 'stamped').trim());
  console.log(`6. heap per kept view (the views array included): ${plain.bytesPerView.toFixed(0)} bytes unstamped, ${stamped.bytesPerView.toFixed(0)} bytes stamped`);
  console.log('7. the frame loop in 12 rounds next to its instrumented copy, CPU of a plain round (median of the last 10), deoptimizations of parseAll:');
  for (const withReports of [false, true]) {
    const out = run(['--expose-gc', '--trace-deopt'], 'after-report', withReports ? 'reports' : 'none');
    const result = JSON.parse(out.trim().split('\n').pop());
    const deopts = out.split('\n').filter((line) => line.startsWith('[bailout') && line.includes('parseAll')).length;
    console.log(`   ${withReports ? 'report() after each round' : 'no report'.padEnd(25)}: ${result.plainMs.toFixed(1)} ms of CPU a plain round, parseAll deoptimized ${deopts} times`);
  }
}

if (part === undefined) main();
else {
  const parts = {
    follow: () => followPart(process.argv[3]),
    shape: () => shapePart(process.argv[3] === 'keep'),
    weakref: weakRefPart,
    finalizers: finalizerPart,
    report: reportPart,
    memory: () => memoryPart(process.argv[3] === 'stamped'),
    'after-report': () => afterReportPart(process.argv[3] === 'reports'),
  };
  parts[part]().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
