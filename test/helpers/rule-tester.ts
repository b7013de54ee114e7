import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { RuleTester, type InvalidTestCase, type RunTests, type ValidTestCase } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** Without type information: the `recommended` preset's mode (plain JS and TS without a program). */
export const untypedTester = new RuleTester({
  languageOptions: { parser: tsParser },
});

/** With a TypeScript program over test/typed (types from @types/node). */
export const typedTester = new RuleTester({
  languageOptions: {
    parser: tsParser,
    parserOptions: {
      projectService: { allowDefaultProject: ['*.js', '*.mts', '*.cts'], defaultProject: 'tsconfig.json' },
      tsconfigRootDir: path.join(__dirname, '..', 'typed'),
    },
  },
});

export const TYPED_FILENAME = path.join(__dirname, '..', 'typed', 'file.ts');

/** With a TypeScript program for browsers only (test/typed-browser: the DOM's types, not Node's). */
export const browserTypedTester = new RuleTester({
  languageOptions: {
    parser: tsParser,
    parserOptions: {
      projectService: { allowDefaultProject: ['*.js'], defaultProject: 'tsconfig.json' },
      tsconfigRootDir: path.join(__dirname, '..', 'typed-browser'),
    },
  },
});

export const BROWSER_TYPED_FILENAME = path.join(__dirname, '..', 'typed-browser', 'file.ts');

/** Every fix and suggestion output a suite asserts must itself parse (as TypeScript, or JS for .js cases). */
export function expectOutputsParse<MessageIds extends string, Options extends readonly unknown[]>(
  tests: RunTests<MessageIds, Options>,
): void {
  const outputs: { code: string; output: string }[] = [];
  for (const test of tests.invalid) {
    const list = Array.isArray(test.output) ? test.output : test.output ? [test.output] : [];
    for (const output of list) outputs.push({ code: test.code, output });
    for (const error of test.errors) {
      for (const suggestion of error.suggestions ?? []) outputs.push({ code: test.code, output: suggestion.output });
    }
  }
  it('every fix and suggestion output parses', () => {
    for (const { output } of outputs) {
      expect(() => tsParser.parseForESLint(output, { sourceType: 'module', range: true })).not.toThrow();
    }
    expect(outputs.length).toBeGreaterThan(0);
  });
}

/**
 * Runs a rule's cases in both modes: `both` untyped and typed (untyped findings must hold with types
 * too), `typedOnly` with a program only (what types add), `untypedOnly` without one only (valid cases
 * that types rightly report, or outputs that differ because types know more).
 */
export function runRuleTests<MessageIds extends string, Options extends readonly unknown[]>(
  name: string,
  rule: TSESLint.RuleModule<MessageIds, Options>,
  both: RunTests<MessageIds, Options>,
  typedOnly: RunTests<MessageIds, Options>,
  untypedOnly: RunTests<MessageIds, Options> = { valid: [], invalid: [] },
): void {
  const untyped = both;
  describe('untyped', () => {
    // `as never`: the tester bundles its own copy of @typescript-eslint/utils types; the runtime shape is the same.
    untypedTester.run(name, rule as never, {
      valid: [...both.valid, ...untypedOnly.valid],
      invalid: [...both.invalid, ...untypedOnly.invalid],
    });
  });
  describe('typed', () => {
    const withFile = <T extends ValidTestCase<Options> | InvalidTestCase<MessageIds, Options>>(test: T): T => ({
      ...test,
      filename: test.filename ?? TYPED_FILENAME,
    });
    typedTester.run(name, rule as never, {
      valid: [...untyped.valid, ...typedOnly.valid].map((test) => withFile(typeof test === 'string' ? { code: test } : test)),
      invalid: [...untyped.invalid, ...typedOnly.invalid].map(withFile),
    });
  });
  describe('outputs', () => {
    expectOutputsParse({ valid: [], invalid: [...both.invalid, ...typedOnly.invalid, ...untypedOnly.invalid] });
  });
}
