#!/usr/bin/env node
'use strict';
// Where the loader's cost per view goes (built: npm run build). Run: node --expose-gc bench/register-cost.js [--quick]
// bench/frame-loop.js as the loader instruments it, compiled once per variant of the helper the wrapped
// expressions call, each variant adding one step of what the real helper does; timed in alternating rounds
// in one process, each round's time against the plain loop of the same round. The steps:
//   call         the helper returns its argument (the cost of the wrapping call)
//   isView       plus the check that the value is a view
//   qualify      plus the view's buffer and byte lengths through the captured getters and the thresholds
//   site         plus the site lookup by id
//   register     the bare FinalizationRegistry entry per view, behind the same call and isView check
//   weakref      a WeakRef per view instead, kept in an array (the sweep not counted)
//   helper       the loader's helper as built (dist/src/runtime/static-sites.js)
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
  register: (id, value) => {
    if (typeof value === 'object' && value !== null && isView(value)) followed.register(value, 1);
    return value;
  },
  weakref: (id, value) => {
    if (typeof value === 'object' && value !== null && isView(value)) refs.push(new WeakRef(value));
    return value;
  },
};

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
  const result = instrument(fs.readFileSync(frameLoopFile, 'utf8'), frameLoopFile, 'commonjs');
  if (result.sites !== 3) throw new Error(`expected 3 sites, got ${result.sites}`);
  // The ids the wrapped expressions pass, made sites as the real helper would on their first record.
  for (const match of result.code.matchAll(/__leakproof_view\(("(?:[^"\\]|\\.)*")/g)) {
    const id = JSON.parse(match[1]);
    if (sites.findSite(id) === undefined) sites.newSite(id, frameLoopFile, 0, 0, 'subarray', sites.DEFAULT_RULE);
  }
  const loops = { plain: parseAll };
  for (const name of Object.keys(helpers)) {
    if (only && !only.includes(name)) continue;
    const global = `__leakproof_cost_${name}`;
    globalThis[global] = helpers[name];
    loops[name] = compileVariant(name, result.code.split(`${VIEW_HELPER}(`).join(`${global}(`));
  }
  if (!only || only.includes('helper')) loops.helper = compileVariant('helper', result.code);

  const { chunks, frames } = buildChunks(quick ? 40 : 120);
  const times = Object.fromEntries(Object.keys(loops).map((name) => [name, []]));
  const rounds = quick ? 5 : 11;
  for (let round = -2; round < rounds; round++) {
    for (const [name, loop] of Object.entries(loops)) {
      gc();
      const state = new Map();
      const start = process.hrtime.bigint();
      loop(chunks, state);
      const elapsed = seconds(start);
      if (round >= 0) times[name].push(elapsed);
      refs = [];
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const views = 2 * frames;
  const base = median(times.plain);
  console.log(`register cost: ${frames.toLocaleString('en-US')} frames, ${views.toLocaleString('en-US')} views a round; plain ${(base * 1000).toFixed(1)} ms (${((base / views) * 1e9).toFixed(0)} ns per view), ${rounds} rounds, sink ${sink > 0}`);
  for (const name of Object.keys(loops)) {
    if (name === 'plain') continue;
    const ratios = times[name].map((time, i) => time / times.plain[i]);
    const perView = ((median(times[name]) - base) / views) * 1e9;
    console.log(`register cost: ${name.padEnd(9)} ${median(ratios).toFixed(2)}x (${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)}), ${perView.toFixed(0)} ns per view over plain`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
