'use strict';
// Do the strings cheerio hands out (an attribute's value, an element's text) keep the page they were parsed from?
// Loads 50 pages of 1 MB each and keeps one short value of each, then prints the heap in use: a value that keeps its
// page costs ~1 MB; a flat string, nothing. It installs nothing: give it a directory where cheerio is installed
// (`npm i cheerio` in a scratch directory outside this repository):
//   node --expose-gc scripts/measure-cheerio-strings.js DIR
// Not run in CI (no network there, and cheerio is not a dependency of leakproof).
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const dir = process.argv[2];
const way = process.argv[3];
if (!dir || typeof global.gc !== 'function') {
  console.error('usage: node --expose-gc scripts/measure-cheerio-strings.js DIR   (DIR holds node_modules with cheerio)');
  process.exit(2);
}
let cheerio;
try {
  cheerio = require(require.resolve('cheerio', { paths: [path.resolve(dir)] }));
} catch {
  console.error(`cheerio is not installed under ${path.resolve(dir)} (run \`npm i cheerio\` there; this script installs nothing)`);
  process.exit(2);
}
const ways = {
  'nothing kept': () => 'x',
  "$('a').attr('href')": ($) => $('a').attr('href'),
  "$('a').text()": ($) => $('a').text(),
  'html.slice (a sliced string)': ($, html) => html.slice(-80, -20),
};
if (!way) {
  const version = require(require.resolve('cheerio/package.json', { paths: [path.resolve(dir)] })).version;
  console.log(`node ${process.version}, cheerio ${version}`);
  for (const name of Object.keys(ways)) execFileSync(process.execPath, ['--expose-gc', __filename, dir, name], { stdio: 'inherit' });
} else {
  const kept = [];
  global.gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 50; i++) {
    const html = `<html><body><p>${'x'.repeat(1 << 20)}</p><a href="https://example.com/page/${i}/abcdefghijklmnop">link text number ${i} here</a></body></html>`;
    kept.push(ways[way](cheerio.load(html), html));
  }
  global.gc();
  global.gc();
  const grown = (process.memoryUsage().heapUsed - before) / 1e6;
  console.log(`${way.padEnd(30)} ${grown.toFixed(1)} MB more heap for ${kept.length} kept values of 1 MB pages`);
}
