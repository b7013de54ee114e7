import { readFileSync } from 'node:fs';

const readme = readFileSync('README.md', 'utf8');
export const summary = readme.slice(0, readme.indexOf('\n\n')); // expect: no-retained-substring
