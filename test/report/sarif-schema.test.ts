import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { run as runHeap } from '../../src/cli/heap';
import { bufferIO, compileFixture, runNode, tempDir, writeSnapshot } from '../heap/helpers';

// Every kind of SARIF leakproof writes (lint, lint merged with a runtime report, heap, heap matched to
// the source), validated against the SARIF 2.1.0 JSON schema. The schema is Microsoft's, shipped in
// the @microsoft/jest-sarif devDependency (installed from the lock file, so CI needs no network).
const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
const SCHEMA = path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
// A net socket's chunk is a proven Buffer: a finding of an autofixable rule.
const LEAK = "const net = require('node:net'), socket = net.connect(7000), kept = [];\nsocket.on('data', (chunk) => { kept.push(chunk.subarray(0, 4)); });\n";

const schema = JSON.parse(fs.readFileSync(SCHEMA, 'utf8')) as { title: string };
// The schema is written in JSON Schema draft 4 ("id", not "$id"), which ajv 6 reads with its meta-schema.
const ajv = new Ajv({ allErrors: true, schemaId: 'auto' });
ajv.addMetaSchema(JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'ajv', 'lib', 'refs', 'json-schema-draft-04.json'), 'utf8')) as object);
const validate = ajv.compile(schema);

/** The schema's complaints about `log`, one line each; [] when it is valid SARIF 2.1.0. */
function schemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.dataPath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

function leakproof(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 180_000 });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

interface Log {
  version: string;
  runs: { results: { ruleId: string; properties?: Record<string, unknown>; locations?: { physicalLocation?: { region?: object } }[] }[] }[];
}

describe('SARIF against the SARIF 2.1.0 schema', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('is the 2.1.0 schema, and it rejects what is not SARIF', () => {
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0-rtm.5 JSON Schema');
    expect(schemaErrors({ version: '2.1.0', runs: [{ tool: { driver: { name: 'leakproof' } }, results: [{ ruleId: 'x' }] }] })).toEqual([
      ".runs[0].results[0] should have required property 'message' {\"missingProperty\":\"message\"}",
    ]);
  });

  it('lint: a finding, a parse error, full rule descriptors', () => {
    const project = path.join(dir, 'lint');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'server.js'), LEAK);
    fs.writeFileSync(path.join(project, 'broken.js'), 'const x = ;\n');
    const { code, stdout } = leakproof(['.', '--format', 'sarif'], project);
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as Log;
    expect(log.runs[0]?.results.map((result) => result.ruleId).sort()).toEqual(['leakproof/no-retained-view', 'leakproof/parse-error']);
    expect(schemaErrors(log)).toEqual([]);
  });

  it('lint merged with a runtime report: a confirmed finding and a site no rule reported', () => {
    const project = path.join(dir, 'runtime');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'server.js'), LEAK);
    fs.writeFileSync(path.join(project, 'clean.js'), "const kept = [];\nexport function keep(view) {\n  kept.push(view);\n}\n");
    const sites = [
      { file: '/app/server.js', line: 2, column: 42, rule: 'leakproof/no-retained-view', liveViews: 12, retainedBytes: 786432, usedBytes: 48 },
      { file: '/app/clean.js', line: 3, column: 3, rule: 'leakproof/no-retained-view', liveViews: 1, retainedBytes: 65536, usedBytes: 16 },
    ];
    fs.writeFileSync(path.join(project, 'report.json'), JSON.stringify({ sites }));
    const { code, stdout, stderr } = leakproof(['server.js', 'clean.js', '--runtime-report', 'report.json', '--runtime-root', '/app', '--format', 'sarif'], project);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as Log;
    expect(log.runs[0]?.results.map((result) => result.properties?.runtime)).toEqual([
      { liveViews: 1, retainedBytes: 65536, usedBytes: 16, confirmed: false },
      { liveViews: 12, retainedBytes: 786432, usedBytes: 48, confirmed: true },
    ]);
    expect(schemaErrors(log)).toEqual([]);
  });

  it('heap: groups with their snapshot and logical location', async () => {
    const snapshot = path.join(dir, 'heap');
    fs.mkdirSync(snapshot);
    writeSnapshot('leaky', snapshot);
    const io = bufferIO(snapshot);
    expect(await runHeap(['leaky.heapsnapshot', '--format', 'sarif'], io)).toBe(1);
    const log = JSON.parse(io.out) as Log;
    expect(log.runs[0]?.results.length).toBeGreaterThan(0);
    expect(schemaErrors(log)).toEqual([]);
  });

  it('heap --source: groups on the lines of the findings they confirm', () => {
    const compiled = path.join(dir, 'source');
    fs.mkdirSync(compiled);
    compileFixture('chat-session-actor', compiled);
    const snapshot = path.join(compiled, 'leaky.heapsnapshot');
    runNode(path.join(ROOT, 'scripts', 'example-heap', 'drive.js'), [path.join(compiled, 'leaky.js'), snapshot]);
    const { code, stdout } = leakproof(['heap', snapshot, '--source', 'fixtures/chat-session-actor', '--format', 'sarif'], ROOT);
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as Log;
    expect(log.runs[0]?.results.map((result) => result.locations?.[0]?.physicalLocation?.region !== undefined)).toEqual([true, true, true]);
    expect(schemaErrors(log)).toEqual([]);
  });
});
