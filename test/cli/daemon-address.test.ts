import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addressOf } from '../../src/cli/daemon-address';
import { fileStamp } from '../../src/lint/file-stamp';

const KEY = '0123456789abcdef';

describe('addressOf: where a daemon listens, on each platform', () => {
  it('on Windows: a named pipe in \\\\.\\pipe\\ with the user in its name; the log and record in the directory', () => {
    const dir = String.raw`C:\Users\ana\AppData\Local\Temp\leakproof-ana`;
    expect(addressOf({ root: String.raw`C:\work\app`, dir, key: KEY, platform: 'win32', user: 'ana' })).toEqual({
      root: String.raw`C:\work\app`,
      dir,
      socket: String.raw`\\.\pipe\leakproof-ana-0123456789abcdef`,
      log: String.raw`C:\Users\ana\AppData\Local\Temp\leakproof-ana\0123456789abcdef.log`,
      record: String.raw`C:\Users\ana\AppData\Local\Temp\leakproof-ana\0123456789abcdef.pid`,
    });
  });

  it('on Windows: a backslash or slash in the user name does not open another level of the pipe name', () => {
    expect(addressOf({ root: 'C:\\app', dir: 'C:\\tmp', key: KEY, platform: 'win32', user: 'CORP\\ana/x' }).socket).toBe(String.raw`\\.\pipe\leakproof-CORP_ana_x-0123456789abcdef`);
  });

  it('elsewhere: a socket file beside the log and the record', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      expect(addressOf({ root: '/home/ana/app', dir: '/run/user/1000/leakproof', key: KEY, platform, user: '1000' })).toEqual({
        root: '/home/ana/app',
        dir: '/run/user/1000/leakproof',
        socket: '/run/user/1000/leakproof/0123456789abcdef.sock',
        log: '/run/user/1000/leakproof/0123456789abcdef.log',
        record: '/run/user/1000/leakproof/0123456789abcdef.pid',
      });
    }
  });
});

describe('fileStamp', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-stamp-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('changes when the file is written, or replaced by a rename; none for a missing file or a directory', () => {
    const file = path.join(dir, 'tsconfig.json');
    expect(fileStamp(file)).toBeUndefined();
    expect(fileStamp(dir)).toBeUndefined();
    fs.writeFileSync(file, '{}');
    const first = fileStamp(file);
    expect(first).toMatch(/^\d+:\d+:2:\d+$/);
    expect(fileStamp(file)).toBe(first);
    fs.writeFileSync(file, '{ }');
    const second = fileStamp(file);
    expect(second).toMatch(/^\d+:\d+:3:\d+$/);
    // Same size, same modification time, another inode: a rename over the file.
    const other = path.join(dir, 'other.json');
    fs.writeFileSync(other, '{ }');
    const { atime, mtime } = fs.statSync(file);
    fs.utimesSync(other, atime, mtime);
    fs.renameSync(other, file);
    expect(fileStamp(file)).not.toBe(second);
  });
});
