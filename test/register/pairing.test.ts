import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RuntimeReport } from '../../src/runtime';
import { ROOT, runNode } from './helpers';

// The whole loop the loader exists for, on a fixture the linter reports: lint (json) -> compile the
// TypeScript with a source map -> run it under the loader with that lint result -> merge the report
// back into the lint results with --runtime-report. Uses dist/ (npm run build).

const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
const LEAKY = path.join(ROOT, 'fixtures', 'tcp-frame-parser', 'leaky.ts');

interface LintResult {
  filePath: string;
  messages: Array<{ ruleId: string; message: string; line: number; column: number; severity: number }>;
}

describe('leakproof/register with the linter: fixtures/tcp-frame-parser', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-pairing-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** node ARGS..., from the repository root, with LEAKPROOF_RUNTIME and `env` set. */
  function node(args: string[], env: Record<string, string> = {}) {
    return runNode(args.slice(0, -1), args[args.length - 1]!, env, ROOT);
  }

  it('the runtime site is the finding: same file, line and rule, confirmed with the bytes it keeps', () => {
    const lint = node([BIN, 'fixtures/tcp-frame-parser', '--format', 'json']);
    expect(lint.status).toBe(1);
    const lintFile = path.join(dir, 'lint.json');
    fs.writeFileSync(lintFile, lint.stdout);
    const finding = (JSON.parse(lint.stdout) as LintResult[]).find((result) => result.filePath === LEAKY)!.messages[0]!;
    expect(finding).toMatchObject({ ruleId: 'leakproof/no-retained-view', line: 18 });

    const out = path.join(dir, 'out');
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const compiled = node([tsc, '--sourceMap', '--outDir', out, '--module', 'commonjs', '--target', 'es2022', '--types', 'node', '--skipLibCheck', '--ignoreConfig', LEAKY]);
    expect(compiled.stdout + compiled.stderr).toBe('');
    // A fake socket sends 1,890 frames of 100 bytes (104 with the length) in three chunks of 65,520
    // bytes; nothing drains them.
    fs.writeFileSync(
      path.join(dir, 'driver.js'),
      [
        "const { EventEmitter } = require('node:events');",
        "const { FrameConnection } = require('./out/leaky.js');",
        'const socket = new EventEmitter();',
        'globalThis.connection = new FrameConnection(socket);',
        'const stream = Buffer.alloc(1890 * 104);',
        'for (let at = 0; at + 104 <= stream.length; at += 104) stream.writeUInt32BE(100, at);',
        "for (let i = 0; i < 3; i++) socket.emit('data', Buffer.from(stream.subarray(i * 65520, (i + 1) * 65520)));",
        '',
      ].join('\n'),
    );
    const report = path.join(dir, 'report.json');
    const run = node(['--expose-gc', '--import', 'leakproof/register', path.join(dir, 'driver.js')], { LEAKPROOF_REPORT: report, LEAKPROOF_LINT: lintFile });
    expect(run).toMatchObject({ status: 0, stderr: '' });
    const sites = (JSON.parse(fs.readFileSync(report, 'utf8')) as RuntimeReport).sites;
    expect(sites.find((site) => site.line === finding.line)).toEqual({
      file: LEAKY,
      line: 18,
      column: finding.column + 'this.pending.'.length,
      rule: 'leakproof/no-retained-view',
      liveViews: 1890,
      retainedBytes: 3 * 65520, // the three Buffer.concat results the frames are cut from
      usedBytes: 1890 * 100,
      via: 'subarray',
    });

    const merged = node([BIN, 'fixtures/tcp-frame-parser', '--runtime-report', report, '--format', 'json']);
    const message = (JSON.parse(merged.stdout) as LintResult[]).find((result) => result.filePath === LEAKY)!.messages.find((m) => m.line === 18)!;
    expect(message.message).toMatch(/ Confirmed at runtime: 1890 live view\(s\) keep 192 KiB for 185 KiB used\.$/);
  });
});
