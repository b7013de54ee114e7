#!/usr/bin/env node
// Do string methods that may return their receiver unchanged pass a V8 sliced string through, so that the
// piece still keeps its whole parent? Keeps a ~30-character piece of each of 200 strings of 1 MB, passed
// through the method named, and prints the heap in use (a piece that keeps its parent: ~210 MB; a flat
// copy: a few MB). no-retained-substring follows a slice through the methods this shows as pass-through, and not
// through JSON.parse, whose values are strings of their own.
// Run: node --expose-gc scripts/measure-string-passthrough.js [way]
const ways = {
  'slice alone': (s) => s.slice(100, 130),
  'replace, no match': (s) => s.slice(100, 130).replace('#', '-'),
  'replace, a match': (s) => s.slice(100, 130).replace('b', '-'),
  'replaceAll, no match': (s) => s.slice(100, 130).replaceAll('#', '-'),
  'toLowerCase, already lower': (s) => s.slice(100, 130).toLowerCase(),
  'toUpperCase, already upper': (s) => s.slice(140, 170).toUpperCase(),
  'toUpperCase, changes it': (s) => s.slice(100, 130).toUpperCase(),
  'trim, nothing to trim': (s) => s.slice(100, 130).trim(),
  'trim, spaces trimmed': (s) => s.slice(99, 131).trim(),
  'normalize, already NFC': (s) => s.slice(100, 130).normalize(),
  'toString': (s) => s.slice(100, 130).toString(),
  'String()': (s) => String(s.slice(100, 130)),
  'padEnd, no padding': (s) => s.slice(100, 130).padEnd(10),
  // Not a method of the piece: a value JSON.parse takes out of a message is a string of its own.
  'JSON.parse, a value of it': (s) => JSON.parse(JSON.stringify({ pad: s.slice(130), name: s.slice(100, 130) })).name,
};
const run = (way) => {
  const keep = [];
  for (let i = 0; i < 200; i++) keep.push(ways[way]('a'.repeat(99) + ' ' + 'b'.repeat(30) + ' ' + String(i).padStart(8, '0') + 'D'.repeat(40) + 'c'.repeat(1 << 20)));
  global.gc();
  global.gc();
  const bytes = process.memoryUsage().heapUsed;
  return keep.length > 0 ? bytes : 0; // keeps `keep` alive until measured
};
if (typeof global.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(2);
}
const pick = process.argv[2];
if (pick) console.log(`${pick.padEnd(28)} ${(run(pick) / 1e6).toFixed(1)} MB heap for 200 kept pieces`);
else {
  console.log(`node ${process.version}`);
  for (const way of Object.keys(ways)) require('node:child_process').execFileSync(process.execPath, ['--expose-gc', __filename, way], { stdio: 'inherit' });
}
