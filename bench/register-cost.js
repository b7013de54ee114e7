#!/usr/bin/env node
'use strict';
// Where the loader's cost per view goes (built: npm run build). Run: node --expose-gc bench/register-cost.js [--quick] [--rounds=N] [--only=a,b]
// bench/frame-loop.js as the loader instruments it, compiled once per variant of the helper the wrapped
// expressions call, each variant adding one step of what a helper does or trying another way to follow
// a view; timed in alternating rounds in one process, each round's time against the plain loop of the same
// round. The steps:
//   call          the helper returns its argument (the cost of the wrapping call)
//   isView        plus the check that the value is a view
//   qualify       plus the view's buffer and byte lengths through the captured getters and the thresholds
//   site          plus the site lookup by id
//   follow        plus a FinalizationRegistry entry holding a small integer (no counting)
//   register      the bare FinalizationRegistry entry per view, behind the same call and isView check
//   weakref       a bare WeakRef per view instead, kept in an array (no sweep)
// Other ways to follow each view, behind the same getters, thresholds and site lookup as follow:
//   weakref sweep a WeakRef per view in its site's array, swept (dead ones dropped) when the array doubles
//   weakmap       a WeakMap from the view to its site
//   per buffer    one FinalizationRegistry entry per (site, ArrayBuffer), views counted per entry (this alone
//                 cannot say how many views are alive, only whether their ArrayBuffer is)
//   finalizers    the built runtime's weak following with the counts per site: the loader's fallback where
//                 it cannot list live views, and its helper before views were stamped
//   helper        the loader's helper as built (dist/src/runtime/static-sites.js): the getters, thresholds and
//                 the site id written into the view (src/runtime/stamps.ts); nothing followed
// Every view is wrapped (the loader's LEAKPROOF_ALL_VIEWS=1): this is the cost per view recorded. Last,
//   escaping      the loader's helper as the loader runs by default: only the payload view (half of them) is
//                 wrapped, the frame view being a local parseAll only reads (its ns are per view made)
// and, once, the report: report() after a round of the helper (it lists the live views: a full collection).
// Not a CI check: its figures go to docs/runtime.md.

const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const root = path.join(__dirname, '..');
const { instrument } = require(path.join(root, 'dist', 'src', 'register', 'instrument'));
const { installViewHelper, VIEW_HELPER } = require(path.join(root, 'dist', 'src', 'runtime', 'static-sites'));
const sites = require(path.join(root, 'dist', 'src', 'runtime', 'sites'));
const intrinsics = require(path.join(root, 'dist', 'src', 'runtime', 'intrinsics'));

const quick = process.argv.includes('--quick');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7).split(',');
const gc = typeof global.gc === 'function' ? global.gc : () => {};
const frameLoopFile = path.join(__dirname, 'frame-loop.js');
const { parseAll, buildChunks } = require(frameLoopFile);

const { isView, typedArrayTag, typedArrayBuffer, typedArrayByteLength, dataViewBuffer, dataViewByteLength, bufferByteLength } = intrinsics;
let sink = 0;
const followed = new FinalizationRegistry(() => {});
/** The ArrayBuffer and byte length of the view `followedSite` last looked at. */
let siteBuffer;
let siteViewBytes = 0;
/** The site a view is followed at, behind the same getters and thresholds as `follow`; sets siteBuffer and siteViewBytes. */
function followedSite(id, value) {
  const typed = typedArrayTag.call(value) !== undefined;
  siteBuffer = typed ? typedArrayBuffer.call(value) : dataViewBuffer.call(value);
  siteViewBytes = typed ? typedArrayByteLength.call(value) : dataViewByteLength.call(value);
  const bufferBytes = bufferByteLength(siteBuffer);
  return bufferBytes >= 4096 && siteViewBytes <= bufferBytes * 0.5 ? sites.findSite(id) : undefined;
}
let refs = [];

const helpers = {
  call: (id, value) => value,
  isView: (id, value) => {
    if (typeof value === 'object' && value !== null && isView(value)) sink++;
    return value;
  },
  qualify: (id, value) => {
    if (typeof value === 'object' && value !== null && isView(value)) {
      const typed = typedArrayTag.call(value) !== undefined;
      const buffer = typed ? typedArrayBuffer.call(value) : dataViewBuffer.call(value);
      const viewBytes = typed ? typedArrayByteLength.call(value) : dataViewByteLength.call(value);
      const bufferBytes = bufferByteLength(buffer);
      if (bufferBytes >= 4096 && viewBytes <= bufferBytes * 0.5) sink++;
    }
    return value;
  },
  site: (id, value) => {
    if (typeof value === 'object' && value !== null && isView(value)) {
      const typed = typedArrayTag.call(value) !== undefined;
      const buffer = typed ? typedArrayBuffer.call(value) : dataViewBuffer.call(value);
      const viewBytes = typed ? typedArrayByteLength.call(value) : dataViewByteLength.call(value);
      const bufferBytes = bufferByteLength(buffer);
      if (bufferBytes >= 4096 && viewBytes <= bufferBytes * 0.5 && sites.findSite(id) !== undefined) sink++;
    }
    return value;
  },
  follow: (id, value) => {
    if (typeof value === 'object' && value !== null && isView(value)) {
      const typed = typedArrayTag.call(value) !== undefined;
      const buffer = typed ? typedArrayBuffer.call(value) : dataViewBuffer.call(value);
      const viewBytes = typed ? typedArrayByteLength.call(value) : dataViewByteLength.call(value);
      const bufferBytes = bufferByteLength(buffer);
      if (bufferBytes >= 4096 && viewBytes <= bufferBytes * 0.5 && sites.findSite(id) !== undefined) followed.register(value, viewBytes);
    }
    return value;
  },
  register: (id, value) => {
    if (typeof value === 'object' && value !== null && isView(value)) followed.register(value, 1);
    return value;
  },
  weakref: (id, value) => {
    if (typeof value === 'object' && value !== null && isView(value)) refs.push(new WeakRef(value));
    return value;
  },
  // The candidates for following a view, each behind the same getters, thresholds and site lookup as
  // `follow` (followedSite, so each compares with it):
  // a WeakRef per view in its site's array, swept (dead ones dropped) whenever the array doubles.
  'weakref sweep': (id, value) => {
    if (typeof value === 'object' && value !== null && isView(value)) {
      const site = followedSite(id, value);
      if (site !== undefined) {
        let list = weakLists.get(site);
        if (list === undefined) weakLists.set(site, (list = { refs: [], limit: 1024 }));
        list.refs.push(new WeakRef(value));
        if (list.refs.length >= list.limit) {
          list.refs = list.refs.filter((ref) => ref.deref() !== undefined);
          list.limit = Math.max(1024, 2 * list.refs.length);
        }
      }
    }
    return value;
  },
  // a WeakMap from the view to its site (an ephemeron: V8's scavenges clear it, unlike a finalizer's cell).
  weakmap: (id, value) => {
    if (typeof value === 'object' && value !== null && isView(value)) {
      const site = followedSite(id, value);
      if (site !== undefined) siteOfView.set(value, site);
    }
    return value;
  },
  // one FinalizationRegistry entry per (site, ArrayBuffer), the views counted per entry: it learns when
  // an ArrayBuffer dies, not when a view of it does, so alone it cannot say how many views live.
  'per buffer': (id, value) => {
    if (typeof value === 'object' && value !== null && isView(value)) {
      const site = followedSite(id, value);
      const buffer = siteBuffer;
      if (site !== undefined) {
        let entry = lastEntry.get(site);
        if (entry === undefined || entry.buffer !== buffer) {
          let list = bufferEntries.get(buffer);
          if (list === undefined) bufferEntries.set(buffer, (list = []));
          entry = list.find((candidate) => candidate.site === site);
          if (entry === undefined) {
            entry = { site, buffer, views: 0, bytes: 0 };
            list.push(entry);
            followed.register(buffer, 1);
          }
          lastEntry.set(site, entry);
        }
        entry.views++;
        entry.bytes += siteViewBytes;
      }
    }
    return value;
  },
  // the loader's fallback where it cannot list live views (no node:inspector): the getters and thresholds,
  // the site lookup and a FinalizationRegistry entry with the counts per site, as the built runtime does it
  // (dist/src/runtime/sites.js). This was the loader's helper before views were stamped.
  finalizers: (id, value) => {
    if (typeof value === 'object' && value !== null && isView(value)) {
      const buffer = sites.loaderBufferOf(value);
      if (buffer !== undefined) sites.followQualified(sites.findSite(id), value, buffer);
    }
    return value;
  },
};
const weakLists = new Map();
const siteOfView = new WeakMap();
const bufferEntries = new WeakMap();
const lastEntry = new Map();
function compileVariant(name, code) {
  const instrumented = new Module(frameLoopFile, module);
  instrumented.filename = frameLoopFile;
  instrumented._compile(code, frameLoopFile);
  return instrumented.exports.parseAll;
}

function seconds(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  if (!installViewHelper()) throw new Error('cannot install the loader helper');
  // Every view wrapped (LEAKPROOF_ALL_VIEWS=1): the cost per view, not which views are left alone.
  const result = instrument(fs.readFileSync(frameLoopFile, 'utf8'), frameLoopFile, 'commonjs', undefined, { allViews: true });
  if (result.sites !== 3) throw new Error(`expected 3 sites, got ${result.sites}`);
  // The ids the wrapped expressions pass, made sites as the real helper would on their first record.
  for (const match of result.code.matchAll(/__leakproof_view\(("(?:[^"\\]|\\.)*")/g)) {
    const id = JSON.parse(match[1]);
    if (sites.findSite(id) === undefined) sites.newSite(id, frameLoopFile, 0, 0, 'subarray', sites.DEFAULT_RULE);
  }
  const loops = { plain: parseAll };
  for (const [index, name] of Object.keys(helpers).entries()) {
    if (only && !only.includes(name)) continue;
    const global = `__leakproof_cost_${index}`;
    globalThis[global] = helpers[name];
    loops[name] = compileVariant(name, result.code.split(`${VIEW_HELPER}(`).join(`${global}(`));
  }
  if (!only || only.includes('helper')) loops.helper = compileVariant('helper', result.code);
  // The loader as it runs by default: the frame view, a local parseAll only reads, is left alone.
  if (!only || only.includes('escaping')) loops.escaping = compileVariant('escaping', instrument(fs.readFileSync(frameLoopFile, 'utf8'), frameLoopFile, 'commonjs').code);

  const { chunks, frames } = buildChunks(quick ? 40 : 120);
  const times = Object.fromEntries(Object.keys(loops).map((name) => [name, []]));
  // CPU time of the process (the loop and the collector's helper threads): less swayed than the wall
  // clock by other jobs taking the cores, as long as they do not share its caches much.
  const cpuTimes = Object.fromEntries(Object.keys(loops).map((name) => [name, []]));
  const rounds = quick ? 5 : Number(process.argv.find((arg) => arg.startsWith('--rounds='))?.slice(9)) || 11;
  for (let round = -2; round < rounds; round++) {
    for (const [name, loop] of Object.entries(loops)) {
      gc();
      const state = new Map();
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      loop(chunks, state);
      const elapsed = seconds(start);
      const cpu = process.cpuUsage(cpuStart);
      if (round >= 0) {
        times[name].push(elapsed);
        cpuTimes[name].push((cpu.user + cpu.system) / 1e6);
      }
      refs = [];
      weakLists.clear();
      lastEntry.clear();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const views = 2 * frames;
  const base = median(times.plain);
  const fastest = Math.min(...times.plain);
  console.log(
    `register cost: ${frames.toLocaleString('en-US')} frames, ${views.toLocaleString('en-US')} views a round (every one wrapped); plain ${(base * 1000).toFixed(1)} ms ` +
      `(${((base / views) * 1e9).toFixed(0)} ns per view), ${rounds} rounds; ratios: median of the per-round ratios (their range), fastest round against fastest round, and CPU time (median of the per-round ratios)`,
  );
  for (const name of Object.keys(loops)) {
    if (name === 'plain') continue;
    const ratios = times[name].map((time, i) => time / times.plain[i]);
    const perView = ((median(times[name]) - base) / views) * 1e9;
    const min = Math.min(...times[name]);
    const cpuRatios = cpuTimes[name].map((time, i) => time / cpuTimes.plain[i]);
    const cpuPerView = ((median(cpuTimes[name]) - median(cpuTimes.plain)) / views) * 1e9;
    console.log(
      `register cost: ${name.padEnd(9)} wall ${median(ratios).toFixed(2)}x (${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)}), ${perView.toFixed(0)} ns per view; ` +
        `fastest ${(min / fastest).toFixed(2)}x, ${(((min - fastest) / views) * 1e9).toFixed(0)} ns per view; cpu ${median(cpuRatios).toFixed(2)}x, ${cpuPerView.toFixed(0)} ns per view`,
    );
  }
  if (sink === 0 && ['isView', 'qualify', 'site'].some((name) => name in loops)) throw new Error('the helpers saw no view');
  if (loops.helper) {
    // What a report costs once the helper has recorded a round (its state kept, as a server's would be).
    const { report } = require(path.join(root, 'dist', 'src', 'runtime'));
    const state = new Map();
    loops.helper(chunks, state);
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const result = report();
    const elapsed = seconds(start);
    const cpu = process.cpuUsage(cpuStart);
    if (result.recording !== 'stamps') throw new Error(`the loader's helper did not stamp views (recording: ${result.recording})`);
    const live = result.sites.reduce((sum, site) => sum + site.liveViews, 0);
    console.log(
      `register cost: report() after a round of the helper: ${(elapsed * 1000).toFixed(0)} ms (${((cpu.user + cpu.system) / 1000).toFixed(0)} ms of CPU time), ` +
        `heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MiB, ${result.sites.length} site(s) with ${live} live views`,
    );
    if (state.size === 0) throw new Error('the loop did nothing');
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
