import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ESLint } from 'eslint';
import { run as runHeap } from '../../src/cli/heap';
import { formatBytes } from '../../src/report/bytes';
import { heapLogicalLocation } from '../../src/report/heap';
import { ruleDocText } from '../../src/report/rule-docs';
import { mergeRuntimeReport, type RuntimeSite } from '../../src/report/runtime';
import { PARSE_ERROR_DOCS } from '../../src/report/sarif';
import { bufferIO, tempDir, writeSnapshot } from '../heap/helpers';

const ROOT = path.join(__dirname, '..', '..');

describe('report wing', () => {
  it('words bytes one way for every report', () => {
    expect([formatBytes(16), formatBytes(1536), formatBytes(786432), formatBytes(5 * 1024 ** 2)]).toEqual(['16 bytes', '1.5 KiB', '768 KiB', '5.0 MiB']);
  });

  it.each([
    ['global.actor → SessionActor.frames (Map) → value → Buffer', { name: 'frames', fullyQualifiedName: 'SessionActor.frames', kind: 'member' }],
    ['global.pinned (Array) → [*] → Buffer', { name: 'pinned', fullyQualifiedName: 'global.pinned', kind: 'member' }],
    ['global.list → Object.next ×199999 → Object.data → DataView', { name: 'data', fullyQualifiedName: 'Object.data', kind: 'member' }],
    ['global.handler → onMessage().kept (Array) → [*] → Uint8Array', { name: 'kept', fullyQualifiedName: 'onMessage().kept', kind: 'member' }],
    ['(Stack roots) → Uint8Array', { name: 'Uint8Array', fullyQualifiedName: 'Uint8Array', kind: 'type' }],
  ])('locates the heap group %j at its retaining class and property', (retainingPath, expected) => {
    expect(heapLogicalLocation(retainingPath)).toEqual(expected);
  });

  it('merges a runtime report into new results and leaves ESLint\'s as they were', () => {
    const file = path.join(ROOT, 'src', 'a.ts');
    const results: ESLint.LintResult[] = [
      {
        filePath: file,
        messages: [{ ruleId: 'leakproof/no-retained-view', severity: 2, message: 'kept.', line: 3, column: 5 }],
        suppressedMessages: [],
        errorCount: 1,
        fatalErrorCount: 0,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
    ];
    const before = JSON.parse(JSON.stringify(results));
    const sites: RuntimeSite[] = [
      { file, line: 3, column: 9, rule: 'leakproof/no-retained-view', liveViews: 2, retainedBytes: 131072, usedBytes: 32 },
      { file, line: 8, column: 1, rule: 'leakproof/no-retained-view', liveViews: 1, retainedBytes: 65536, usedBytes: 16 },
    ];
    const merge = mergeRuntimeReport(results, sites);
    expect(results).toEqual(before);
    expect(merge.confirmed).toBe(1);
    expect(merge.missed).toEqual([sites[1]]);
    expect(merge.results[0]?.messages).toEqual([
      {
        ruleId: 'leakproof/no-retained-view',
        severity: 2,
        message: 'kept. Confirmed at runtime: 2 live view(s) keep 128 KiB for 32 bytes used.',
        line: 3,
        column: 5,
        runtime: { liveViews: 2, retainedBytes: 131072, usedBytes: 32, confirmed: true },
      },
      {
        ruleId: 'leakproof/no-retained-view',
        severity: 1,
        message: 'Runtime: 1 live view(s) made here keep 64.0 KiB for 16 bytes used, and no static finding covers this line.',
        line: 8,
        column: 1,
        runtime: { liveViews: 1, retainedBytes: 65536, usedBytes: 16, confirmed: false },
      },
    ]);
    expect(merge.results[0]?.warningCount).toBe(1);
  });

  it('has a docs page for leakproof/parse-error where its SARIF help URI points', () => {
    const relative = PARSE_ERROR_DOCS.replace('https://github.com/leakproof-dev/leakproof/blob/main/', '');
    expect(fs.existsSync(path.join(ROOT, ...relative.split('/')))).toBe(true);
    expect(ruleDocText('parse-error')?.summary).toMatch(/^A file leakproof could not parse, and so did not check/);
  });

  describe('heap SARIF', () => {
    const { dir, cleanup } = tempDir();
    beforeAll(() => writeSnapshot('leaky', dir));
    afterAll(cleanup);

    it('gives each group the snapshot as its artifact, the retaining class and property as its logical location, and bytes in properties', async () => {
      const io = bufferIO(dir);
      expect(await runHeap(['leaky.heapsnapshot', '--format', 'sarif'], io)).toBe(1);
      const run = JSON.parse(io.out).runs[0];
      const first = run.results[0];
      expect(first.locations).toEqual([
        {
          physicalLocation: { artifactLocation: { uri: 'leaky.heapsnapshot', uriBaseId: '%SRCROOT%' } },
          logicalLocations: [{ name: 'frames', fullyQualifiedName: 'SessionActor.frames', kind: 'member' }],
        },
      ]);
      expect(first.properties).toMatchObject({ kind: 'retained-views', bytes: 655360, arrayBuffers: 10, views: 10 });
      expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`${new URL(`file://${fs.realpathSync(dir)}`).href}/`);
      const view = run.tool.driver.rules.find((rule: { id: string }) => rule.id === 'leakproof/no-retained-view');
      expect(view.shortDescription.text).toBe('Disallow keeping zero-copy views of incoming data beyond the handler that received it.');
      expect(view.defaultConfiguration).toEqual({ level: 'error' });
    });
  });
});
