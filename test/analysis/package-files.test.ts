import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { exportedFunction } from '../../src/analysis/ast';
import { getFileFacts } from '../../src/analysis/file';
import { parsedFile, resolveRelative } from '../../src/analysis/package-files';
import { typedTester, untypedTester, TYPED_FILENAME } from '../helpers/rule-tester';

const PKG = path.join(path.dirname(TYPED_FILENAME), 'pkg');

describe('resolveRelative', () => {
  it('finds a relative module as Node and TypeScript do', () => {
    expect(resolveRelative(TYPED_FILENAME, './pkg/bytes')).toBe(path.join(PKG, 'bytes.js'));
    expect(resolveRelative(TYPED_FILENAME, './pkg/bytes.js')).toBe(path.join(PKG, 'bytes.js'));
    // TypeScript's ESM convention: `./frame.js` names `frame.ts`.
    expect(resolveRelative(TYPED_FILENAME, './pkg/frame.js')).toBe(path.join(PKG, 'frame.ts'));
    expect(resolveRelative(path.join(PKG, 'bytes.js'), '../file')).toBe(TYPED_FILENAME);
  });

  it('gives nothing for packages, missing files and paths that are not absolute', () => {
    expect(resolveRelative(TYPED_FILENAME, 'b4a')).toBeUndefined();
    expect(resolveRelative(TYPED_FILENAME, './pkg/missing')).toBeUndefined();
    expect(resolveRelative('file.ts', './pkg/bytes')).toBeUndefined();
  });

  it('gives nothing for a file a build may swap for a platform variant', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-pkg-'));
    try {
      const main = path.join(dir, 'src', 'main.js');
      fs.mkdirSync(path.join(dir, 'src', 'encoding'), { recursive: true });
      for (const name of ['hex.js', 'hex.browser.js', 'utf8.js', 'base64.js', 'base64.native.js', 'plain.js']) {
        fs.writeFileSync(path.join(dir, 'src', 'encoding', name), 'exports.decode = function (t) { return Buffer.from(t); };\n');
      }
      // The package's maps name the build output (lib/), not the source.
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ browser: { './lib/encoding/utf8.js': './lib/encoding/utf8.browser.js', crypto: false } }));
      expect(resolveRelative(main, './encoding/hex.js')).toBeUndefined();
      expect(resolveRelative(main, './encoding/utf8.js')).toBeUndefined();
      expect(resolveRelative(main, './encoding/base64.js')).toBeUndefined();
      // A variant named as such is what the import gets on every platform.
      expect(resolveRelative(main, './encoding/base64.native.js')).toBe(path.join(dir, 'src', 'encoding', 'base64.native.js'));
      expect(resolveRelative(main, './encoding/plain.js')).toBe(path.join(dir, 'src', 'encoding', 'plain.js'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('trusts a folder it has just read for a second, then reads it again', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-pkg-'));
    jest.useFakeTimers({ now: new Date('2026-12-07T10:00:00Z') });
    try {
      const main = path.join(dir, 'main.js');
      fs.writeFileSync(main, '');
      expect(resolveRelative(main, './later')).toBeUndefined();
      // A file added beside it: the files of one folder linted one after another do not each read the folder.
      fs.writeFileSync(path.join(dir, 'later.js'), 'exports.x = 1;\n');
      // Folder stamps have a one-millisecond grain on some file systems: make the change visible to it.
      const past = new Date(Date.now() - 60_000);
      fs.utimesSync(dir, past, past);
      expect(resolveRelative(main, './later')).toBeUndefined();
      jest.advanceTimersByTime(999);
      expect(resolveRelative(main, './later')).toBeUndefined();
      jest.advanceTimersByTime(2);
      expect(resolveRelative(main, './later')).toBe(path.join(dir, 'later.js'));
    } finally {
      jest.useRealTimers();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds a folder by its index file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-pkg-'));
    try {
      fs.mkdirSync(path.join(dir, 'lib'));
      fs.writeFileSync(path.join(dir, 'lib', 'index.ts'), 'export const x = 1;\n');
      fs.writeFileSync(path.join(dir, 'main.ts'), '');
      expect(resolveRelative(path.join(dir, 'main.ts'), './lib')).toBe(path.join(dir, 'lib', 'index.ts'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('exportedFunction', () => {
  const exported = (file: string, name: string | undefined) => {
    const sourceCode = parsedFile(path.join(PKG, file));
    if (!sourceCode) throw new Error(`${file} did not parse`);
    // The exported function, by its first line in the file.
    return exportedFunction(sourceCode, name)?.loc.start.line;
  };

  it('reads CommonJS exports', () => {
    expect(exported('bytes.js', 'readAll')).toBe(6);
    expect(exported('bytes.js', 'copyOf')).toBe(11);
    // `function headerOf` then `exports.headerOf = headerOf`.
    expect(exported('bytes.js', 'headerOf')).toBe(16);
    expect(exported('whole.js', undefined)).toBe(3);
    expect(exported('whole.js', 'default')).toBe(3);
    expect(exported('bytes.js', 'missing')).toBeUndefined();
  });

  it('reads ES module exports', () => {
    expect(exported('frame.ts', 'payloadOf')).toBe(3);
    expect(exported('frame.ts', 'freshFrame')).toBe(7);
    // `export { bodyCopy as copyBody }`: exported under the new name only.
    expect(exported('frame.ts', 'copyBody')).toBe(9);
    expect(exported('frame.ts', 'bodyCopy')).toBeUndefined();
    expect(exported('frame.ts', 'default')).toBe(14);
  });
});

describe('parsedFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-pkg-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives nothing for a file that does not parse, is missing or is too large', () => {
    expect(parsedFile(path.join(PKG, 'broken.js'))).toBeUndefined();
    expect(parsedFile(path.join(dir, 'missing.js'))).toBeUndefined();
    const large = path.join(dir, 'large.js');
    fs.writeFileSync(large, `exports.x = 1;\n${'//'.padEnd(1024 * 1024, '-')}\n`);
    expect(parsedFile(large)).toBeUndefined();
  });

  it('parses a file once while it is unchanged, and again when it changes (its stamp trusted for a second)', () => {
    jest.useFakeTimers({ now: new Date('2026-12-07T10:00:00Z') });
    try {
      const file = path.join(dir, 'helper.js');
      fs.writeFileSync(file, 'exports.a = function a() { return 1; };\n');
      const first = parsedFile(file);
      expect(first?.text).toContain('exports.a');
      expect(parsedFile(file)).toBe(first);
      fs.writeFileSync(file, 'exports.b = function b() { return 2; };\n// longer\n');
      expect(parsedFile(file)).toBe(first);
      jest.advanceTimersByTime(1001);
      const second = parsedFile(file);
      expect(second).not.toBe(first);
      expect(second?.text).toContain('exports.b');
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads CommonJS that only parses as a script', () => {
    const file = path.join(dir, 'legacy.js');
    fs.writeFileSync(file, "exports.pad = function pad(n) { with (Math) { return Buffer.alloc(max(n, 1)); } };\n");
    expect(parsedFile(file)).toBeDefined();
  });
});

// A probe rule: for every `probe(x)` call, what the value kinds of the linted file (with its path) say.
const probe: TSESLint.RuleModule<'said'> = {
  defaultOptions: [],
  meta: { type: 'problem', messages: { said: '{{buffer}} | {{owner}} | {{larger}}' }, schema: [] },
  create(context) {
    return {
      'CallExpression[callee.name="probe"]'(call: TSESTree.CallExpression) {
        const kinds = getFileFacts(context.sourceCode, context.settings, context.filename).kinds;
        const value = call.arguments[0]!;
        const larger = kinds.largerBacking(value);
        context.report({
          node: value,
          messageId: 'said',
          data: {
            buffer: kinds.bufferEvidence(value) ?? '-',
            owner: kinds.exactOwnership(value) ?? '-',
            larger: larger ? `${larger.level}: ${larger.label}` : '-',
          },
        });
      },
    };
  },
};

const said = (buffer: string, owner: string, larger: string) => ({ messageId: 'said' as const, data: { buffer, owner, larger } });

const cases = {
  valid: [],
  invalid: [
    {
      code: `const { readAll, copyOf, maybeBytes } = require('./pkg/bytes');
const bytes = require('./pkg/bytes');
const concatAll = require('./pkg/whole');
probe(readAll(4));
probe(copyOf(x));
probe(bytes.headerOf(chunk));
probe(maybeBytes(1));
probe(concatAll([]));
`,
      filename: TYPED_FILENAME,
      errors: [
        said('returned by `readAll()` (in `./pkg/bytes`)', '`readAll()` (in `./pkg/bytes`), whose every return owns its store', '-'),
        said('-', '`copyOf()` (in `./pkg/bytes`), whose every return owns its store', '-'),
        said('-', '-', 'proven: `bytes.headerOf(chunk)` (in `./pkg/bytes`) returns, a `subarray` view of `chunk`'),
        // Not a Buffer on every return: nothing is said.
        said('-', '-', '-'),
        said(
          'returned by `concatAll()` (in `./pkg/whole`)',
          '-',
          'proven: `concatAll([])` (in `./pkg/whole`) returns, a Buffer from `Buffer.concat()`, which may be a slice of the shared pool',
        ),
      ],
    },
    {
      code: `import header, { payloadOf, freshFrame, copyBody } from './pkg/frame.js';
import * as frame from './pkg/frame.js';
probe(freshFrame(4));
probe(copyBody(x));
probe(frame.payloadOf(Buffer.alloc(64)));
probe(header(Buffer.alloc(64)));
probe(payloadOf(Buffer.alloc(64)));
`,
      filename: TYPED_FILENAME,
      errors: [
        said('returned by `freshFrame()` (in `./pkg/frame.js`)', '`freshFrame()` (in `./pkg/frame.js`), whose every return owns its store', '-'),
        said('-', '`copyBody()` (in `./pkg/frame.js`), whose every return owns its store', '-'),
        said(
          'returned by `frame.payloadOf()` (in `./pkg/frame.js`)',
          '-',
          'proven: `frame.payloadOf(Buffer.alloc(64))` (in `./pkg/frame.js`) returns, a `subarray` view of `chunk`',
        ),
        said('returned by `header()` (in `./pkg/frame.js`)', '-', 'proven: `header(Buffer.alloc(64))` (in `./pkg/frame.js`) returns, a `subarray` view of `chunk`'),
        said('returned by `payloadOf()` (in `./pkg/frame.js`)', '-', 'proven: `payloadOf(Buffer.alloc(64))` (in `./pkg/frame.js`) returns, a `subarray` view of `chunk`'),
      ],
    },
    {
      // A file with no path on disk, a package, and a module that does not parse: nothing is known.
      code: `const { readAll } = require('./pkg/broken');
const b4a = require('b4a');
probe(readAll(4));
probe(b4a.from('x'));
`,
      filename: TYPED_FILENAME,
      errors: [said('-', '-', '-'), said('-', '-', 'proven: a Buffer from `b4a.from()`, which may be a slice of the shared pool')],
    },
  ],
};

describe('functions of other files of the package, untyped', () => {
  untypedTester.run('package-files', probe as never, cases);
});

describe('functions of other files of the package, typed', () => {
  typedTester.run('package-files', probe as never, cases);
});

describe('parameterViews: the views of its parameters a function of another file hands back', () => {
  const views = (name: string) => {
    const file = path.join(PKG, 'header.js');
    const sourceCode = parsedFile(file);
    if (!sourceCode) throw new Error('header.js did not parse');
    const fn = exportedFunction(sourceCode, name);
    if (!fn) throw new Error(`${name} is not exported`);
    return getFileFacts(sourceCode, {}, file).kinds.parameterViews(fn);
  };

  it('finds a view returned itself, through a variable or as a property of the result', () => {
    expect(views('parseHeader')).toEqual([{ index: 0, fields: ['key'], cut: '`buf.subarray(4, 36)`', needsBuffer: false, sameClass: true }]);
    expect(views('keyOf')).toEqual([{ index: 0, fields: [], cut: '`buf.subarray(4, 36)`', needsBuffer: false, sameClass: true }]);
    expect(views('wordsOf')).toEqual([{ index: 0, fields: [], cut: '`new Uint8Array(bytes.buffer, bytes.by...`', needsBuffer: false, sameClass: false }]);
  });

  it('leaves the caller to say whether a `slice` is a view', () => {
    expect(views('head')).toEqual([{ index: 0, fields: [], cut: '`value.slice(0, 4)`', needsBuffer: true, sameClass: true }]);
  });

  it('finds nothing in a copy, a cut of a parameter the function reassigns, or a view of all its bytes', () => {
    expect(views('keyCopy')).toEqual([]);
    expect(views('trimmed')).toEqual([]);
    // A view of all the bytes of a view keeps no more than the view.
    expect(views('asBytes')).toEqual([]);
  });
});
