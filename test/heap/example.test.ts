import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

// `npm run example:heap` (scripts/example-heap/run.js) as the README shows it, with the build `npm test`
// makes first: real child processes drive the fixture's actors, write snapshots, analyse them with
// --source, and run the node:test leak test against each version.
const ROOT = path.join(__dirname, '..', '..');

describe('npm run example:heap', () => {
  it('confirms the findings, points at the unreported holder, and the leak test fails only on the leaky actor', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'example-heap', 'run.js')], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = result.stdout;
    const leaky = out.slice(out.indexOf('=== leaky: heap'), out.indexOf('=== fixed: heap'));
    const fixed = out.slice(out.indexOf('=== fixed: heap'));
    expect(leaky).toContain('$ leakproof heap leaky.heapsnapshot --source fixtures/chat-session-actor\nleaky.heapsnapshot\n');
    expect(leaky).toContain('↳ fixtures/chat-session-actor/leaky.ts:16:27 leakproof/no-retained-view (kept in ChatSession.recentIds)');
    expect(leaky).toContain('↳ fixtures/chat-session-actor/leaky.ts:8:11 ChatSession.lastPresence is declared here: no rule reports this');
    expect(leaky).toContain('↳ fixtures/chat-session-actor/leaky.ts:26:50 leakproof/no-retained-substring (kept in ChatSession.topic)');
    expect(leaky).toContain(
      [
        '  AssertionError [ERR_ASSERTION]: assertNoLeaks: 4 ArrayBuffers are kept alive through views, 262,104 bytes unused (at most 0 bytes allowed):',
        '    recentIds[0]: Buffer [8, 16) of a 65,536-byte ArrayBuffer pins 65,528 bytes',
        '    recentIds[1]: Buffer [8, 16) of a 65,536-byte ArrayBuffer pins 65,528 bytes',
        '    recentIds[2]: Buffer [8, 16) of a 65,536-byte ArrayBuffer pins 65,528 bytes',
        '    lastPresence: Buffer [0, 16) of a 65,536-byte ArrayBuffer pins 65,520 bytes',
        '  Keep exact copies instead of views: copy(view) from leakproof/runtime, or Uint8Array.prototype.slice.call(view).',
      ].join('\n'),
    );
    // The topic: a slice of its 100,030-character command line (a heap snapshot of the test process).
    expect(leaky).toMatch(
      /\n {2}assertNoLeaks: 1 parent string is kept alive by sliced strings, (\d{3},\d{3}) bytes \(at most 0 bytes allowed\):\n {4}topic: sliced string keeps its \1-byte parent string\n/,
    );
    expect(leaky).toMatch(/ℹ pass 0\nℹ fail 1/);
    expect(fixed).toContain('Heap groups and the source (leakproof lint fixtures/chat-session-actor)\n  no groups to match\n');
    expect(fixed).toContain('fixtures/chat-session-actor/leaky.ts:16:27 leakproof/no-retained-view (kept in ChatSession.recentIds): not seen in this snapshot');
    expect(fixed).toMatch(/✔ a chat session keeps no more of its messages than it uses/);
    expect(fixed).toMatch(/ℹ pass 1\nℹ fail 0/);
    expect(out.trimEnd().split('\n').pop()).toBe('example:heap: the leak test fails on leaky.ts and passes on fixed.ts');
  });
});
