import * as fs from 'node:fs';
import * as path from 'node:path';

interface PackageInfo {
  name: string;
  version: string;
  root: string;
}

/** Walks up from this file to leakproof's package.json: one answer from `src/` (tests) and `dist/src/` (built). */
function findPackageInfo(): PackageInfo {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'leakproof') return { name: pkg.name, version: pkg.version ?? '0.0.0', root: dir };
    }
    const parent = path.dirname(dir);
    if (parent === dir) return { name: 'leakproof', version: '0.0.0', root: path.resolve(__dirname, '..') };
    dir = parent;
  }
}

export const packageInfo: PackageInfo = findPackageInfo();
