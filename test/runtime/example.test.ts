import * as fs from 'node:fs';
import { buildRuntime, programPath, runProgram } from './helpers';

// The worked example of docs/runtime.md, run for real: a TCP server, 3 clients, 600 chunks of 64 KB.
describe('docs/runtime.md worked example (child process, real sockets)', () => {
  it('binLeak ranks the actors with the path, track points at the line, hibernate frees the chunks', () => {
    const runtime = buildRuntime();
    try {
      type Output = {
        leaks: Array<{ name: string; wastedBytes: number; retainedBytes: number; usedBytes: number; worst: { paths: string[] } }>;
        hibernated: Array<{ replaced: number; expectedFreedBytes: number }>;
        sites: Array<{ file: string; line: number; liveViews: number; retainedBytes: number; via: string }>;
        arrayBuffers: { before: number; after: number };
      };
      const output = runProgram<Output>(runtime.dir, 'socket-actor');
      expect(output.leaks.map((leak) => leak.name)).toEqual(['client-3', 'client-2', 'client-1']);
      for (const leak of output.leaks) {
        expect(leak.worst.paths).toEqual(['headers[0]']);
        expect(leak.wastedBytes).toBeGreaterThan(0.99 * leak.retainedBytes);
      }
      const source = fs.readFileSync(programPath('socket-actor'), 'utf8').split('\n');
      const line = source.findIndex((text) => text.includes('this.headers.push(chunk.subarray(0, 16))')) + 1;
      expect(output.sites).toHaveLength(1);
      expect(output.sites[0]).toMatchObject({ file: programPath('socket-actor'), line, via: 'Buffer#subarray' });
      expect(output.sites[0]!.liveViews).toBeGreaterThanOrEqual(600);
      const expected = output.hibernated.reduce((sum, entry) => sum + entry.expectedFreedBytes, 0);
      expect(expected).toBe(output.leaks.reduce((sum, leak) => sum + leak.wastedBytes, 0));
      expect(output.arrayBuffers.before - output.arrayBuffers.after).toBeGreaterThan(0.95 * expected);
    } finally {
      runtime.cleanup();
    }
  });
});
