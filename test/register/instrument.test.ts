import { instrument } from '../../src/register/instrument';

const FILE = '/app/handler.js';
const site = (line: number, column: number, via: string, rule = 'leakproof/no-retained-view'): string =>
  `__leakproof_view(${JSON.stringify([FILE, line, column, via, rule].join('\u0000'))},`;

describe('instrument', () => {
  it('wraps a method call whole, with the column of its property name', () => {
    expect(instrument('keep(chunk.subarray(0, 16));', FILE, 'commonjs')).toEqual({
      code: `keep(${site(1, 12, 'subarray')}chunk.subarray(0, 16)));`,
      sites: 1,
      skipped: 0,
      local: 0,
      warning: undefined,
    });
  });

  it('wraps nested calls from the inside out, each with its own site', () => {
    expect(instrument('x = a.subarray(1).slice(2);', FILE, 'commonjs').code).toBe(`x = ${site(1, 19, 'slice')}${site(1, 7, 'subarray')}a.subarray(1)).slice(2));`);
  });

  it('wraps Buffer.from and typed-array and DataView constructors with arguments, not new Uint8Array()', () => {
    const code = 'a = Buffer.from(ab, 4, 8);\nb = new DataView(ab, 2);\nc = new Float32Array(ab);\nd = new Uint8Array();\ne = Buffer.alloc(8);';
    expect(instrument(code, FILE, 'commonjs').code).toBe(
      `a = ${site(1, 12, 'Buffer.from')}Buffer.from(ab, 4, 8));\nb = ${site(2, 5, 'new DataView')}new DataView(ab, 2));\nc = ${site(3, 5, 'new Float32Array')}new Float32Array(ab));\nd = new Uint8Array();\ne = Buffer.alloc(8);`,
    );
  });

  it('an optional chain: wraps the chain when the call ends it, a call before any ?., and skips a call a ?. below it can skip', () => {
    expect(instrument('a?.b.subarray(1);', FILE, 'module').code).toBe(`${site(1, 6, 'subarray')}a?.b.subarray(1));`);
    expect(instrument('a.subarray(1)?.length;', FILE, 'module').code).toBe(`${site(1, 3, 'subarray')}a.subarray(1))?.length;`);
    expect(instrument('a?.subarray(1).length;', FILE, 'module')).toMatchObject({ code: 'a?.subarray(1).length;', sites: 0, skipped: 1 });
    expect(instrument('a.subarray?.(1).length;', FILE, 'module')).toMatchObject({ sites: 0, skipped: 1 });
    expect(instrument('(a?.b).subarray(1).length;', FILE, 'module').code).toBe(`${site(1, 8, 'subarray')}(a?.b).subarray(1)).length;`);
  });

  it('leaves super, this and computed member calls as written inside the wrapper', () => {
    const code = 'class F extends Uint8Array { head() { return super.subarray(0, 4); } }\nobj["slice"](1);';
    expect(instrument(code, FILE, 'module').code).toBe(`class F extends Uint8Array { head() { return ${site(1, 52, 'subarray')}super.subarray(0, 4)); } }\nobj["slice"](1);`);
  });

  it('adds no line: a shebang, a "use strict" prologue and every line keep their place', () => {
    const code = "#!/usr/bin/env node\n'use strict';\nconst h = c.subarray(0, 2);\r\nconst t = c.slice(2);\n";
    const { code: out } = instrument(code, FILE, 'commonjs');
    expect(out).toBe(`#!/usr/bin/env node\n'use strict';\nconst h = ${site(3, 13, 'subarray')}c.subarray(0, 2));\r\nconst t = ${site(4, 13, 'slice')}c.slice(2));\n`);
  });

  it('CommonJS may return at the top level; ES modules may await there', () => {
    expect(instrument('if (!x) return;\nx.slice(1);', FILE, 'commonjs').sites).toBe(1);
    expect(instrument('const v = (await f()).subarray(1);', FILE, 'module').sites).toBe(1);
  });

  it('takes the rule the lint result gives the site', () => {
    const rules = (file: string, line: number, column: number) => (file === FILE && line === 2 && column === 7 ? ('leakproof/no-buffer-slice' as const) : undefined);
    expect(instrument('a = 1;\nb = c.slice(1);', FILE, 'commonjs', rules).code).toBe(`a = 1;\nb = ${site(2, 7, 'slice', 'leakproof/no-buffer-slice')}c.slice(1));`);
  });

  describe('a local whose view cannot outlive the call', () => {
    const body = (uses: string, head = 'function f(c) {', decl = 'const'): string => `${head} ${decl} v = c.subarray(0, 4); ${uses} }`;
    const left = (code: string): void => expect(instrument(code, FILE, 'commonjs')).toMatchObject({ code, sites: 0, local: 1 });
    const wrapped = (code: string): void => expect(instrument(code, FILE, 'commonjs')).toMatchObject({ sites: 1, local: 0 });

    it('is left alone when the function only reads it: properties, elements, safe methods, comparisons, tests', () => {
      left(body('return v.readUInt32BE(0) + v.length + v[1] + v.byteOffset;'));
      left(body('v[0] = 1; v[i] += 2; v.writeUInt8(3, 1); v.set([4], 2); v.copy(other);'));
      left(body('if (v) g(v.toString("hex"), v.equals(w), v.indexOf(1), v.includes(2), v.at(-1));'));
      left(body('while (v.length === 0 || typeof v === "object" || !v || v !== w) break;'));
      left(body('return v.buffer;')); // the ArrayBuffer, not the view
      left('function f(c) { let v = new DataView(c.buffer, 4, 8); v.setUint16(0, 1); return v.getUint32(0) + v.getBigUint64(0); }');
      left('const f = (c) => { const v = c.subarray(0, 4); return v.readUInt8(0); };');
      left('class K { m(c) { const v = c.slice(1); return v.length; } }');
      // The view it makes with subarray is a new expression, wrapped on its own.
      expect(instrument(body('keep(v.subarray(1));'), FILE, 'commonjs')).toMatchObject({ sites: 1, local: 1 });
    });

    it('is wrapped when the view can escape', () => {
      for (const uses of [
        'return v;',
        'keep(v);',
        'o.x = v;',
        'return [v];',
        'return { v };',
        'return { k: v };',
        'return v ?? w;',
        'return v || w;',
        'return c ? v : w;',
        'return [...v];',
        'return `${v}`;',
        'const w = v;',
        'const { length } = v;',
        'return v.fill(0);',
        'return v.valueOf();',
        'return v.reverse();',
        'return v.values();',
        'v.forEach(g);',
        'v["readUInt8"](0);',
        'v.custom(0);',
        'v.tag`x`;',
        'v.toString = function () { keep(this); }; v.toString();',
        '[v.toString] = [g]; v.toString();',
        '({ k: v.toString } = o);',
        'for (v.x of o);',
        'return { k: v.length };',
        'return () => v.length;',
        'function g() { return v.length; }',
        'class K { x = v.length; }',
        'eval("1");',
        '{ const v = 1; keep(v); }',
        'v = c;',
      ]) {
        wrapped(body(uses));
      }
    });

    it('is wrapped outside a plain synchronous function: async, generator, top level, class field, var', () => {
      wrapped(body('return v.length;', 'async function f(c) {'));
      wrapped(body('return v.length;', 'function* f(c) {'));
      wrapped(body('return v.length;', 'const f = async (c) => {'));
      wrapped('const v = c.subarray(0, 4); v.length;');
      wrapped('class K { static { const v = c.subarray(0, 4); v.length; } }');
      wrapped('class K { x = c.subarray(0, 4); }');
      wrapped(body('return v.length;', 'function f(c) {', 'var'));
      wrapped('function f(c) { let v; v = c.subarray(0, 4); return v.length; }');
    });

    it('a chain that ends in the call is a local like any other; allViews wraps it', () => {
      left(body('return v?.length;').replace('c.subarray(0, 4)', 'c?.subarray(0, 4)'));
      const code = body('return v.length;');
      expect(instrument(code, FILE, 'commonjs', undefined, { allViews: true })).toMatchObject({ code: code.replace('c.subarray(0, 4)', `${site(1, 29, 'subarray')}c.subarray(0, 4))`), sites: 1, local: 0 });
    });
  });

  it('does not parse a file that names nothing it wraps', () => {
    expect(instrument('this is not JavaScript', FILE, 'commonjs')).toEqual({ code: 'this is not JavaScript', sites: 0, skipped: 0, local: 0 });
  });

  it('throws acorn\'s SyntaxError, with its position, on code it cannot parse', () => {
    expect(() => instrument('x.slice(1', FILE, 'commonjs')).toThrow(new SyntaxError('Unexpected token (1:9)'));
    expect(() => instrument('import x from "y"; x.slice(1);', FILE, 'commonjs')).toThrow(/'import' and 'export' may appear only with 'sourceType: module' \(1:0\)/);
  });
});

describe('acorn, an optional peer', () => {
  it('is loaded on first use, and its absence is an error naming the install', () => {
    jest.isolateModules(() => {
      jest.doMock('acorn', () => {
        throw new Error("Cannot find module 'acorn'");
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { loadParser } = require('../../src/register/instrument') as typeof import('../../src/register/instrument');
      expect(() => loadParser()).toThrow('leakproof/register needs the acorn parser, an optional peer of leakproof: npm install --save-dev acorn');
    });
    jest.dontMock('acorn');
  });
});
