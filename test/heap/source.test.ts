import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { holdersOnPath, sinkOfFinding, type StaticFinding } from '../../src/report/heap-source';
import { indexSource } from '../../src/report/source-index';
import { compileFixture, runNode, tempDir } from './helpers';

// `leakproof heap SNAPSHOT --source DIR` with the built binary, as users run it (`npm test` builds first),
// on snapshots real child processes write: the chat-session-actor fixture (leaky and fixed), and
// test/heap/programs/source-pairs.js (a closure variable, a base class's field, a plain object's field).
const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
const DRIVE = path.join(ROOT, 'scripts', 'example-heap', 'drive.js');
const SCENARIO = 'fixtures/chat-session-actor';

function leakproof(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number; endLine?: number; endColumn?: number } } }>;
  properties: Record<string, unknown>;
}

function where(result: SarifResult): string {
  const location = result.locations[0]?.physicalLocation;
  return location ? `${location.artifactLocation.uri}:${location.region?.startLine}:${location.region?.startColumn}` : '(no location)';
}

describe('leakproof heap --source', () => {
  const { dir, cleanup } = tempDir();
  let leaky: string;
  let fixed: string;
  let pairs: string;
  beforeAll(() => {
    compileFixture('chat-session-actor', dir);
    leaky = path.join(dir, 'leaky.heapsnapshot');
    fixed = path.join(dir, 'fixed.heapsnapshot');
    pairs = path.join(dir, 'pairs.heapsnapshot');
    runNode(DRIVE, [path.join(dir, 'leaky.js'), leaky]);
    runNode(DRIVE, [path.join(dir, 'fixed.js'), fixed]);
    runNode(path.join(__dirname, 'programs', 'source-pairs.js'), [pairs]);
  });
  afterAll(cleanup);

  it('matches each group of the leaky actor to the finding at its line, or to its declaration', () => {
    const { code, stdout, stderr } = leakproof(['heap', leaky, '--source', SCENARIO]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const section = stdout.slice(stdout.indexOf('\nHeap groups and the source'));
    expect(section).toMatch(
      new RegExp(
        [
          '',
          'Heap groups and the source \\(leakproof lint fixtures/chat-session-actor\\)',
          '  3\\.8 MiB   60 ArrayBuffers \\(leakproof/no-retained-view\\)',
          '            global\\.sessions \\(Map\\) → value → ChatSession\\.recentIds \\(Array\\) → \\[\\*\\] → Buffer',
          '            ↳ fixtures/chat-session-actor/leaky\\.ts:16:27 leakproof/no-retained-view \\(kept in ChatSession\\.recentIds\\)',
          '  1\\.3 MiB   20 ArrayBuffers \\(leakproof/no-retained-view\\)',
          '            global\\.sessions \\(Map\\) → value → ChatSession\\.lastPresence → Buffer',
          '            ↳ fixtures/chat-session-actor/leaky\\.ts:8:11 ChatSession\\.lastPresence is declared here: no rule reports this',
          '  1\\.9 MiB   20 parent strings \\(leakproof/no-retained-substring\\)',
          '            global\\.sessions \\(Map\\) → value → ChatSession\\.topic → \\(sliced string\\)',
          '            ↳ fixtures/chat-session-actor/leaky\\.ts:26:50 leakproof/no-retained-substring \\(kept in ChatSession\\.topic\\)',
          '',
          'Static findings in fixtures/chat-session-actor that a heap snapshot can confirm',
          '  fixtures/chat-session-actor/leaky\\.ts:16:27 leakproof/no-retained-view \\(kept in ChatSession\\.recentIds\\): confirmed: 3\\.8 MiB in 60 ArrayBuffers',
          '  fixtures/chat-session-actor/leaky\\.ts:26:50 leakproof/no-retained-substring \\(kept in ChatSession\\.topic\\): confirmed: 1\\.9 MiB in 20 parent strings',
          '$',
        ].join('\n'),
      ),
    );
  });

  it('--json adds `source`: groups with findings or declaration, and each finding’s status', () => {
    const { code, stdout } = leakproof(['heap', leaky, '--source', SCENARIO, '--json']);
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(['schemaVersion', 'file', 'summary', 'poolSize', 'retainedViews', 'pinnedSlabs', 'slicedStrings', 'omitted', 'options', 'source']);
    const { source } = json;
    expect(source.path).toBe(SCENARIO);
    expect(source.groups.map((g: { kind: string; bytes: number; count: number; holder: unknown; reported: boolean }) => [g.kind, g.count, g.holder, g.reported])).toEqual([
      ['retained-views', 60, { kind: 'field', owner: 'ChatSession', name: 'recentIds' }, true],
      ['retained-views', 20, { kind: 'field', owner: 'ChatSession', name: 'lastPresence' }, false],
      ['sliced-strings', 20, { kind: 'field', owner: 'ChatSession', name: 'topic' }, true],
    ]);
    expect(source.groups[0].bytes).toBe(60 * 65536);
    expect(source.groups[0].findings).toEqual([
      {
        file: 'fixtures/chat-session-actor/leaky.ts',
        line: 16,
        column: 27,
        ruleId: 'leakproof/no-retained-view',
        message:
          '`frame.subarray(8, 16)` is a view of `frame`, received by ChatSession.receive; it is kept in `this.recentIds`, so the whole ArrayBuffer behind it stays in memory as long as the view does.',
      },
    ]);
    expect(source.groups[1].declaration).toEqual({ file: 'fixtures/chat-session-actor/leaky.ts', line: 8, column: 11 });
    expect(source.groups[2].findings.map((f: { line: number; column: number }) => [f.line, f.column])).toEqual([[26, 50]]);
    expect(source.findings.map((f: { line: number; status: string; bytes: number; count: number; sink: unknown }) => [f.line, f.status, f.bytes, f.count, f.sink])).toEqual([
      [16, 'confirmed', 60 * 65536, 60, { kind: 'field', owner: 'ChatSession', name: 'recentIds' }],
      [26, 'confirmed', source.groups[2].bytes, 20, { kind: 'field', owner: 'ChatSession', name: 'topic' }],
    ]);
    // 20 parents of 100,030 one-byte characters each, however V8 rounds their headers.
    expect(source.groups[2].bytes).toBeGreaterThanOrEqual(20 * 100_030);
  });

  it('--format sarif puts each matched group on the finding’s line and the unreported one on its declaration', () => {
    const { code, stdout } = leakproof(['heap', leaky, '--source', SCENARIO, '--format', 'sarif']);
    expect(code).toBe(1);
    const results = JSON.parse(stdout).runs[0].results as SarifResult[];
    expect(results.map((r) => [r.ruleId, r.level, where(r), r.properties.heap])).toEqual([
      ['leakproof/no-retained-view', 'warning', 'fixtures/chat-session-actor/leaky.ts:16:27', 'confirmed'],
      ['leakproof/no-retained-view', 'warning', 'fixtures/chat-session-actor/leaky.ts:8:11', 'unreported'],
      ['leakproof/no-retained-substring', 'warning', 'fixtures/chat-session-actor/leaky.ts:26:50', 'confirmed'],
    ]);
    expect(results[0]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 16, startColumn: 27, endLine: 16, endColumn: 48 });
    expect(results[0]!.message.text).toBe(
      'Confirmed by a heap snapshot: 3.8 MiB in 60 ArrayBuffers kept alive only through views at global.sessions (Map) → value → ChatSession.recentIds (Array) → [*] → Buffer. ' +
        '`frame.subarray(8, 16)` is a view of `frame`, received by ChatSession.receive; it is kept in `this.recentIds`, so the whole ArrayBuffer behind it stays in memory as long as the view does.',
    );
    expect(results[1]!.message.text).toBe(
      'Seen in a heap snapshot, no rule reports this: 1.3 MiB in 20 ArrayBuffers kept alive only through views at global.sessions (Map) → value → ChatSession.lastPresence → Buffer (ChatSession.lastPresence is declared here)',
    );
    expect(results[0]!.properties).toMatchObject({ kind: 'retained-views', bytes: 60 * 65536, count: 60 });
  });

  it('the fixed actor’s snapshot confirms nothing: the leaky file’s findings are not seen', () => {
    const text = leakproof(['heap', fixed, '--source', SCENARIO]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      [
        'Heap groups and the source (leakproof lint fixtures/chat-session-actor)',
        '  no groups to match',
        '',
        'Static findings in fixtures/chat-session-actor that a heap snapshot can confirm',
        '  fixtures/chat-session-actor/leaky.ts:16:27 leakproof/no-retained-view (kept in ChatSession.recentIds): not seen in this snapshot',
        '  fixtures/chat-session-actor/leaky.ts:26:50 leakproof/no-retained-substring (kept in ChatSession.topic): not seen in this snapshot',
        '',
      ].join('\n'),
    );
    const sarif = leakproof(['heap', fixed, '--source', SCENARIO, '--format', 'sarif']);
    const results = JSON.parse(sarif.stdout).runs[0].results as SarifResult[];
    expect(results.map((r) => [r.ruleId, r.level, where(r), r.properties.heap])).toEqual([
      ['leakproof/no-retained-view', 'note', 'fixtures/chat-session-actor/leaky.ts:16:27', 'not-seen'],
      ['leakproof/no-retained-substring', 'note', 'fixtures/chat-session-actor/leaky.ts:26:50', 'not-seen'],
    ]);
  });

  it('matches a closure variable, a base class’s field on a subclass instance, and a plain object’s field', () => {
    const { code, stdout } = leakproof(['heap', pairs, '--source', 'test/heap/programs/source-pairs.js']);
    expect(code).toBe(1);
    const section = stdout.slice(stdout.indexOf('\nHeap groups and the source'));
    expect(section).toBe(
      [
        '',
        'Heap groups and the source (leakproof lint test/heap/programs/source-pairs.js)',
        '  512 KiB   8 ArrayBuffers (leakproof/no-retained-view)',
        '            global.port → EventEmitter._events → Object.message → (anonymous)().answers (Map) → value → Buffer',
        '            ↳ test/heap/programs/source-pairs.js:14:38 leakproof/no-retained-view (kept in answers)',
        '  256 KiB   4 ArrayBuffers (leakproof/no-retained-view)',
        '            global.actor → AuditedActor.frames (Array) → [*] → Buffer',
        '            ↳ test/heap/programs/source-pairs.js:23:22 leakproof/no-retained-view (kept in AuditedActor.frames)',
        '  128 KiB   1 ArrayBuffer (leakproof/no-retained-view)',
        '            global.cache → Object.latest → Buffer',
        '            ↳ test/heap/programs/source-pairs.js:29:17 Object.latest is declared here: no rule reports this',
        '',
        'Static findings in test/heap/programs/source-pairs.js that a heap snapshot can confirm',
        '  test/heap/programs/source-pairs.js:14:38 leakproof/no-retained-view (kept in answers): confirmed: 512 KiB in 8 ArrayBuffers',
        '  test/heap/programs/source-pairs.js:23:22 leakproof/no-retained-view (kept in FrameActor.frames): confirmed: 256 KiB in 4 ArrayBuffers',
        '',
      ].join('\n'),
    );
  });

  it('a missing --source path is a usage error before any work', () => {
    const { code, stdout, stderr } = leakproof(['heap', leaky, '--source', 'no/such/dir']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('leakproof: --source: no such file or directory: no/such/dir\n');
  });
});

describe('holders and sinks', () => {
  const finding = (message: string, line = 1, column = 1): StaticFinding => ({ ruleId: 'leakproof/no-retained-view', file: 'a.ts', line, column, message });

  it('reads the sink of a finding from its message and, for `this.x`, the enclosing class', () => {
    const source = [
      'class Base {}',
      'export class Session extends Base {',
      '  onData(chunk: Buffer) {',
      '    this.frames.push(chunk.subarray(0, 4));',
      '    this.last = chunk;',
      '  }',
      '  private frames: Buffer[] = [];',
      '  constructor(readonly id: string) { super(); }',
      '}',
    ].join('\n');
    const facts = indexSource(source, 'a.ts');
    expect(sinkOfFinding(finding('`chunk.subarray(0, 4)` is a view of `chunk`; it is kept in `this.frames`, so …', 4, 22), facts)).toEqual({ kind: 'field', owner: 'Session', name: 'frames' });
    expect(sinkOfFinding(finding('`data.subarray(1, 17)` is a view of `data`; it is kept in `session.token`, so …'), facts)).toEqual({ kind: 'field', name: 'token' });
    expect(sinkOfFinding(finding('… it is kept in the module variable `tableOfContents`, so …'), facts)).toEqual({ kind: 'variable', name: 'tableOfContents' });
    expect(sinkOfFinding(finding('… it is kept in `answers`, declared outside the function, so …'), facts)).toEqual({ kind: 'variable', name: 'answers' });
    expect(sinkOfFinding(finding('… it is kept in `this.byId.get(id).last`, so …', 4, 5), facts)).toEqual({ kind: 'field', name: 'last' });
    expect(sinkOfFinding(finding('… it is kept in a closure passed to setInterval(), so …'), facts)).toBeUndefined();
    expect(sinkOfFinding(finding('… it is kept in the state returned by the actor handler, so …'), facts)).toBeUndefined();
    expect(facts.classes.map((c) => [c.name, c.base])).toEqual([['Base', undefined], ['Session', 'Base']]);
    expect(Object.fromEntries(facts.classes[1]!.members)).toEqual({ frames: { line: 7, column: 11 }, id: { line: 8, column: 24 }, last: { line: 5, column: 10 } });
  });

  it('reads the holders on a retaining path: class properties, global and closure variables', () => {
    const step = (edgeType: string, edge: string, nodeType: string, node: string) => ({ edgeType, edge, nodeType, node, id: 1 });
    expect(
      holdersOnPath([
        step('shortcut', '2', 'object', 'global'),
        step('property', 'port', 'object', 'EventEmitter'),
        step('property', '_events', 'object', 'Object'),
        step('property', 'message', 'closure', ''),
        step('internal', 'context', 'object', 'system / Context'),
        step('context', 'answers', 'object', 'Map'),
        step('internal', 'table', 'array', ''),
        step('internal', '5', 'object', 'Buffer'),
      ]),
    ).toEqual([
      { kind: 'variable', name: 'port' },
      { kind: 'field', owner: 'EventEmitter', name: '_events' },
      { kind: 'field', owner: 'Object', name: 'message' },
      { kind: 'variable', name: 'answers' },
    ]);
  });
});
