'use strict';
// Whether the strings xml2js and sax hand out are sliced strings of the text they parse (V8 keeps the whole
// parent alive for each piece kept). Groundwork for a library contract (see bench/README.md, stop 26); no rule
// reads it yet. It installs nothing: give it a directory where both packages are installed (`npm i xml2js
// sax` in a scratch directory outside this repository):
//   node --expose-gc scripts/measure-xml-strings.js DIR
// It parses one generated XML document of about 8 MB with each library, keeps 100 short strings from the
// result (titles and attribute values), drops the text, and prints the heap the kept strings hold; then the
// same after replacing them with flat copies. Not run in CI (the packages are not dependencies of leakproof).
const path = require('node:path');

const dir = process.argv[2];
if (!dir || typeof global.gc !== 'function') {
  console.error('usage: node --expose-gc scripts/measure-xml-strings.js DIR   (DIR holds node_modules with xml2js and sax)');
  process.exit(2);
}
function load(name) {
  try {
    return require(require.resolve(name, { paths: [path.resolve(dir)] }));
  } catch {
    console.error(`${name} is not installed under ${path.resolve(dir)} (run \`npm i xml2js sax\` there; this script installs nothing)`);
    process.exit(2);
  }
}
const xml2js = load('xml2js');
const sax = load('sax');
const version = (name) => require(require.resolve(`${name}/package.json`, { paths: [path.resolve(dir)] })).version;

function documentOf(programmes) {
  const parts = ['<tv>'];
  for (let i = 0; i < programmes; i++) {
    parts.push(`<programme start="20260101000000 +0000" channel="channel.number.${i}"><title>A programme title number ${i} with words</title><desc>${'description '.repeat(20)}</desc></programme>`);
  }
  parts.push('</tv>');
  return parts.join('');
}
function heapUsed() {
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed;
}
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

function keptFromXml2js() {
  let text = documentOf(20000);
  const size = text.length;
  let kept;
  xml2js.parseString(text, (error, result) => {
    if (error) throw error;
    kept = result.tv.programme.slice(0, 50).flatMap((programme) => [programme.title[0], programme.$.channel]);
  });
  text = null;
  return { kept, size };
}
function keptFromSax() {
  let text = documentOf(20000);
  const size = text.length;
  const parser = sax.parser(true);
  const kept = [];
  let title = '';
  parser.onopentag = (node) => {
    if (node.name === 'programme' && kept.length < 100) kept.push(node.attributes.channel);
  };
  parser.ontext = (piece) => {
    title += piece;
  };
  parser.onclosetag = (tag) => {
    if (tag === 'title' && kept.length < 100) kept.push(title);
    title = '';
  };
  parser.write(text).close();
  text = null;
  return { kept, size };
}

const start = heapUsed();
const fromXml2js = keptFromXml2js();
const afterXml2js = heapUsed();
console.log(`xml2js ${version('xml2js')}: a ${(fromXml2js.size / 1e6).toFixed(1)}M-character document parsed and dropped; ${fromXml2js.kept.length} kept strings hold ${mb(afterXml2js - start)}`);
const fromSax = keptFromSax();
const afterSax = heapUsed();
console.log(`sax ${version('sax')}: a ${(fromSax.size / 1e6).toFixed(1)}M-character document parsed and dropped; ${fromSax.kept.length} kept strings hold ${mb(afterSax - afterXml2js)}`);
const copies = [...fromXml2js.kept, ...fromSax.kept].map((piece) => Buffer.from(piece).toString());
fromXml2js.kept.length = 0;
fromSax.kept.length = 0;
console.log(`the same ${copies.length} strings as flat copies (Buffer round trip), originals dropped: ${mb(heapUsed() - start)}`);
