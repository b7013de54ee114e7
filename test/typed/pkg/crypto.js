'use strict';
// A package's own hash helper, imported by path from test cases: it returns a pooled Buffer it made.
const b4a = require('b4a');
const sodium = require('sodium-universal');

exports.hash = function hash(data) {
  const out = b4a.allocUnsafe(32);
  sodium.crypto_generichash(out, data);
  return out;
};

/** Out of the pool: kept safely. */
exports.unslabbedHash = function unslabbedHash(data) {
  const out = b4a.allocUnsafeSlow(32);
  sodium.crypto_generichash(out, data);
  return out;
};
