'use strict';
// Views held in a local variable that still outlive the call that made them, each by another route.
// leakproof/register leaves alone the locals a synchronous function only reads (their views die with
// the call); every view here escapes, so each must be in the report, at its line. Prints report() once
// the garbage collector has run.
const { report } = require(process.env.LEAKPROOF_RUNTIME);

const kept = (globalThis.kept = []);
const holder = {};
const chunk = () => Buffer.alloc(65536, 1);

function returned(c) {
  const v = c.subarray(0, 8); // RETURNED
  return v;
}
function argument(c) {
  const v = c.subarray(0, 8); // ARGUMENT
  kept.push(v);
}
function assigned(c) {
  const v = c.subarray(0, 8); // ASSIGNED
  holder.assigned = v;
}
function inArray(c) {
  const v = c.subarray(0, 8); // ARRAY
  return [v.length, v];
}
function shorthand(c) {
  const v = c.subarray(0, 8); // SHORTHAND
  return { v };
}
function closure(c) {
  const v = c.subarray(0, 8); // CLOSURE
  return () => v.length;
}
function filled(c) {
  const v = c.subarray(0, 8); // FILL
  return v.fill(0); // fill returns its receiver
}
function iterator(c) {
  const v = c.subarray(0, 8); // ITERATOR
  return v.values();
}
function callback(c) {
  const v = c.subarray(0, 8); // CALLBACK
  v.forEach((byte, index, all) => {
    if (index === 0) kept.push(all);
  });
}
function logical(c) {
  let v = c.subarray(0, 8); // LOGICAL
  return v || null;
}
function tagged(c) {
  const v = c.subarray(0, 8); // TAGGED
  v.tag = function tag() {
    kept.push(this);
  };
  v.tag`x`;
}
function ownMethod(c) {
  const v = c.subarray(0, 8); // METHOD
  v.toString = function toString() {
    kept.push(this);
    return '';
  };
  return v.toString();
}
function evaluated(c) {
  const v = c.subarray(0, 8); // EVAL
  eval('kept.push(v)');
}
function* generator(c) {
  const v = c.subarray(0, 8); // GENERATOR
  yield 1;
  return v.length;
}
let release;
const gate = new Promise((resolve) => (release = resolve));
async function pending(c) {
  const v = c.subarray(0, 8); // ASYNC
  await gate;
  return v.length;
}
function local(c) {
  const v = c.subarray(0, 8); // LOCAL
  return v.readUInt32BE(0) + v.length + (v === c ? 1 : 0);
}
const top = chunk().subarray(0, 8); // TOP

kept.push(returned(chunk()), inArray(chunk()), shorthand(chunk()), closure(chunk()), filled(chunk()), iterator(chunk()), logical(chunk()));
argument(chunk());
assigned(chunk());
callback(chunk());
tagged(chunk());
ownMethod(chunk());
evaluated(chunk());
const suspended = generator(chunk());
suspended.next();
kept.push(suspended, release);
pending(chunk());
kept.push(local(chunk()), top);

setImmediate(async () => {
  for (let i = 0; i < 3; i++) {
    global.gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  console.log(JSON.stringify({ kept: kept.length, report: report() }));
});
