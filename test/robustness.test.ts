import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../src/index';

// Rules never throw on valid code: odd syntax, missing types, unusual shapes. Each snippet is linted
// with every rule, without and with type information, and must produce no crash (fatal messages only
// for code that really does not parse).
const SNIPPETS: Record<string, string> = {
  decorators: `
    function logged(_t: unknown, _c: unknown) {}
    class Relay { @logged onMessage(msg: Buffer) { this.last = msg.subarray(0, 2); } last?: Buffer; }`,
  generatorsAndLabels: `
    function* frames(chunk: Buffer) { outer: for (;;) { yield chunk.subarray(0, 4); break outer; } }
    socket.on('data', function* (chunk: Buffer) { yield* frames(chunk); });
    declare const socket: import('node:events').EventEmitter;`,
  staticBlocksAndAccessors: `
    class Store {
      static #instances = new Set<Store>();
      static { Store.#instances.clear(); }
      #buf = Buffer.alloc(0);
      get head() { return this.#buf.subarray(0, 1); }
      set head(v: Buffer) { this.#buf = v; }
      [Symbol.iterator]() { return [this.#buf][Symbol.iterator](); }
      onData(chunk: Buffer) { this.head = chunk.subarray(0, 4); }
    }`,
  computedAndOptional: `
    const key = 'subarray' as const;
    const cache: Record<string, unknown> = {};
    process.on('message', (m: any) => {
      cache[m?.id] = m?.data?.[key]?.(0, 4);
      cache.x = m?.payload?.subarray?.(0, 2);
      cache.y = (m.a ?? m.b)?.slice(1);
      cache.z = m['sub' + 'array'](0, 1);
    });`,
  enumsNamespacesOverloads: `
    enum Kind { A, B }
    namespace Wire { export const k = Kind.A; }
    function pick(x: string): string; function pick(x: Buffer): Buffer; function pick(x: any) { return x; }
    export = Wire;`,
  usingAndAwaitLoops: `
    async function read(stream: AsyncIterable<Buffer>) {
      const seen = new Map<number, Buffer>();
      for await (const [i, chunk] of (async function* () { let n = 0; for await (const c of stream) yield [n++, c] as const; })()) {
        seen.set(i, chunk.subarray(0, 2));
      }
      return seen;
    }`,
  taggedTemplatesAndBigInt: `
    const tag = (s: TemplateStringsArray, ...v: unknown[]) => s.raw.join('') + v.length;
    const lines: string[] = [];
    process.on('message', (line: string) => { lines.push(tag\`\${line.slice(20)}\`); lines.push(String(10n)); });`,
  destructuringDefaultsAndRest: `
    const kept: unknown[] = [];
    process.on('message', ({ data: { body = Buffer.alloc(0), ...rest } = {} as any }: any = {}) => {
      const [first = body.subarray(0, 1), ...others] = [body.subarray(1)];
      kept.push(first, others, rest);
    });`,
  recursionAndCycles: `
    function a(x: Buffer): Buffer { return b(x); }
    function b(x: Buffer): Buffer { return a(x.subarray(1)); }
    const keep: Buffer[] = [];
    process.on('message', (m: Buffer) => { let v = m; v = v.subarray(1); v = w; var w = v; keep.push(a(v)); });`,
  typeErrors: `
    class Broken {
      private frames: number = 'x';
      onMessage(msg: DoesNotExist) { this.frames.push(msg.subarray(0, 2) as unknown as Missing); undefinedFn(msg); }
    }`,
  emptyAndDirectives: `'use strict';`,
  jsxInTsx: `
    export function View({ data }: { data: Buffer }) { return <pre>{data.subarray(0, 4).toString('hex')}</pre>; }`,
};

function configFor(typed: boolean): Linter.Config[] {
  return [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: {
        parser: tsParser,
        parserOptions: typed
          ? { projectService: true, tsconfigRootDir: path.join(__dirname, 'typed'), ecmaFeatures: { jsx: true } }
          : { ecmaFeatures: { jsx: true } },
      },
    },
    plugin.configs.all,
  ] as Linter.Config[];
}

describe.each([false, true])('every rule on unusual code (typed: %s)', (typed) => {
  const linter = new Linter({ configType: 'flat' });
  it.each(Object.entries(SNIPPETS))('%s', (name, code) => {
    const filename = path.join(__dirname, 'typed', name === 'jsxInTsx' ? 'view.tsx' : 'file.ts');
    const messages = linter.verify(code, configFor(typed), { filename });
    expect(messages.filter((message) => message.fatal || !message.ruleId)).toEqual([]);
  });
});

it('plain JavaScript in sloppy mode (with, arguments.callee) does not crash untyped', () => {
  const linter = new Linter({ configType: 'flat' });
  const code = `
    var keep = [];
    function onData(chunk) { with (chunk) { keep.push(subarray(0, 1)); } keep.push(arguments.callee); }
    socket.on('data', onData);
  `;
  const messages = linter.verify(
    code,
    [{ files: ['**/*.js'], languageOptions: { sourceType: 'script' } }, plugin.configs.all] as Linter.Config[],
    { filename: 'legacy.js' },
  );
  expect(messages.filter((message) => message.fatal || !message.ruleId)).toEqual([]);
});
