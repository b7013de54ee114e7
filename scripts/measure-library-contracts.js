'use strict';
// Measures the library contracts src/analysis/library-contracts.ts rests on: which functions of
// compact-encoding and hypercore-crypto hand back a view smaller than its ArrayBuffer, and whether that
// store is Node's shared Buffer pool slab or the message the function read. It installs nothing: give it a
// directory where the three packages are installed (`npm i compact-encoding hypercore-crypto b4a` in a
// scratch directory outside this repository):
//   node scripts/measure-library-contracts.js DIR
// It prints the versions it found, `Buffer.poolSize`, then one line a function: the result's byteLength,
// its ArrayBuffer's byteLength, and what that store is:
//   - "pool slab": the same ArrayBuffer as a `Buffer.allocUnsafe(1)` made just before or just after the call
//     (the shared pool; `Buffer.poolSize` bytes);
//   - "input": the ArrayBuffer of the message or state buffer the function was handed;
//   - "own": neither, and exactly the result's size (an unpooled exact allocation);
//   - "other": neither, and larger than the result (a slab of the library's own).
// Not run in CI (no network there, and the packages are not dependencies of leakproof).
const path = require('node:path');

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/measure-library-contracts.js DIR   (DIR holds node_modules with compact-encoding, hypercore-crypto and b4a)');
  process.exit(2);
}

/** Requires `name` from DIR's node_modules, or exits with a clear error. */
function load(name) {
  let resolved;
  try {
    resolved = require.resolve(name, { paths: [path.resolve(dir)] });
  } catch {
    console.error(`${name} is not installed under ${path.resolve(dir)} (run \`npm i compact-encoding hypercore-crypto b4a\` there; this script installs nothing)`);
    process.exit(2);
  }
  return require(resolved);
}

/** The version in a package's package.json, found next to its resolved entry (b4a's exports hide package.json). */
function versionOf(name) {
  const fs = require('node:fs');
  let current = path.dirname(require.resolve(name, { paths: [path.resolve(dir)] }));
  for (;;) {
    const file = path.join(current, 'package.json');
    if (fs.existsSync(file)) {
      const json = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (json.name === name) return json.version;
    }
    const up = path.dirname(current);
    if (up === current) return 'unknown';
    current = up;
  }
}

const c = load('compact-encoding');
const crypto = load('hypercore-crypto');
const b4a = load('b4a');

/** Runs `make` and describes the store behind its result. */
function measure(name, make, input) {
  const before = Buffer.allocUnsafe(1).buffer;
  const result = make();
  const after = Buffer.allocUnsafe(1).buffer;
  if (!ArrayBuffer.isView(result)) return { name, line: `${name}: not a view (${typeof result})` };
  const store = result.buffer;
  let what;
  if (input && store === input.buffer) what = 'input';
  else if (store === before || store === after) what = 'pool slab';
  else if (store.byteLength === result.byteLength) what = 'own';
  else what = 'other';
  const smaller = result.byteLength < store.byteLength;
  return { name, smaller, what, line: `${name}: ${result.byteLength} bytes over a ${store.byteLength}-byte ArrayBuffer (${what}${smaller ? ', view smaller than its store' : ', owns its store'})` };
}

/** A message of 4,096 bytes in an ArrayBuffer of its own (as a socket read gives), whose first bytes are `content`. */
function message(content) {
  const buf = Buffer.allocUnsafeSlow(4096).fill(0);
  content.copy(buf, 0);
  return buf;
}

const state = (buffer) => ({ start: 0, end: buffer.byteLength, buffer });
const rows = [];

// Decoders reading from a received message (an exact-size store of its own).
const fixed = message(Buffer.alloc(64, 7));
rows.push(measure('c.fixed32.decode(state)', () => c.fixed32.decode(state(fixed)), fixed));
rows.push(measure('c.fixed64.decode(state)', () => c.fixed64.decode(state(fixed)), fixed));
const withLength = message(Buffer.from([5, 1, 2, 3, 4, 5]));
rows.push(measure('c.buffer.decode(state)', () => c.buffer.decode(state(withLength)), withLength));
rows.push(measure('c.uint8array.decode(state)', () => c.uint8array.decode(state(withLength)), withLength));
const raw = message(Buffer.from([1, 2, 3]));
rows.push(measure('c.raw.decode(state) (rest of a 4,096-byte message from byte 1)', () => c.raw.decode({ start: 1, end: raw.byteLength, buffer: raw }), raw));
const record = { preencode(s) { s.end += 33 }, encode(s, m) { c.uint.encode(s, m.n); c.fixed32.encode(s, m.key) }, decode(s) { return { n: c.uint.decode(s), key: c.fixed32.decode(s) } } };
const recordMessage = message(Buffer.concat([Buffer.from([1]), Buffer.alloc(32, 9)]));
rows.push(measure('c.decode(record, buf).key (a fixed32 field)', () => c.decode(record, recordMessage).key, recordMessage));

// A message made by c.encode (so itself a pool slice), decoded.
const encoded = c.encode(c.buffer, Buffer.from([1, 2, 3, 4, 5]));
rows.push(measure('c.buffer.decode(state) of a c.encode() result', () => c.buffer.decode(state(encoded)), encoded));

// Encoders.
rows.push(measure('c.encode(c.buffer, 5 bytes)', () => c.encode(c.buffer, Buffer.from([1, 2, 3, 4, 5]))));
rows.push(measure('c.encode(record, { n, key })', () => c.encode(record, { n: 1, key: Buffer.alloc(32, 1) })));

// hypercore-crypto.
const data = Buffer.alloc(100, 1);
const node = (index) => ({ index, size: 100, hash: crypto.data(data) });
rows.push(measure('crypto.data(data)', () => crypto.data(data)));
rows.push(measure('crypto.parent(a, b)', () => crypto.parent(node(0), node(2))));
rows.push(measure('crypto.tree(roots)', () => crypto.tree([node(1)])));
rows.push(measure('crypto.hash(data)', () => crypto.hash(data)));
rows.push(measure('crypto.randomBytes(32)', () => crypto.randomBytes(32)));
rows.push(measure('crypto.discoveryKey(key)', () => crypto.discoveryKey(Buffer.alloc(32, 2))));
rows.push(measure('crypto.keyPair().publicKey', () => crypto.keyPair().publicKey));
rows.push(measure('crypto.keyPair().secretKey', () => crypto.keyPair().secretKey));
const pair = crypto.keyPair();
rows.push(measure('crypto.sign(message, secretKey)', () => crypto.sign(data, pair.secretKey)));
rows.push(measure('crypto.namespace(name, 2)[0]', () => crypto.namespace('ns', 2)[0]));

// b4a, for comparison with Buffer's own factories.
rows.push(measure("b4a.from('hello')", () => b4a.from('hello')));
rows.push(measure('b4a.allocUnsafe(32)', () => b4a.allocUnsafe(32)));
rows.push(measure('b4a.allocUnsafeSlow(32)', () => b4a.allocUnsafeSlow(32)));

console.log(`node ${process.version}, Buffer.poolSize ${Buffer.poolSize}; compact-encoding ${versionOf('compact-encoding')}, hypercore-crypto ${versionOf('hypercore-crypto')}, b4a ${versionOf('b4a')}`);
for (const row of rows) console.log(row.line);
