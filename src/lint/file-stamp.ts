import * as fs from 'node:fs';

/**
 * A file's stamp: its modification and change times in nanoseconds, size and inode; `undefined` when
 * there is no file there. Two reads of a file with the same stamp are taken to have the same text, so a
 * write, a touch, a rename over it or a permission change all give another stamp. The one stamp of a file
 * in leakproof: the daemon's name and its watched configs, and the parsed files it keeps.
 */
export function fileStamp(file: string): string | undefined {
  const stat = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
  return stat?.isFile() ? `${stat.mtimeNs}:${stat.ctimeNs}:${stat.size}:${stat.ino}` : undefined;
}
