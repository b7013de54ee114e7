'use strict';
// A package's own helpers, imported by path from test cases (see test/analysis/package-files.test.ts):
// each export form the analysis reads across files.

/** Always a Buffer of its own. */
exports.readAll = function readAll(n) {
  return Buffer.alloc(n);
};

/** An exact copy: it owns its store. */
module.exports.copyOf = function (view) {
  return Uint8Array.prototype.slice.call(view);
};

/** A view of the caller's chunk. */
function headerOf(chunk) {
  return chunk.subarray(0, 4);
}
exports.headerOf = headerOf;

/** Not always a Buffer. */
exports.maybeBytes = function (x) {
  return x ? Buffer.alloc(4) : 'none';
};
