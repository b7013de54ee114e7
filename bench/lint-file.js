'use strict';
// One home for the bench scripts that lint real or held-out files one at a time (bench/incidents.js,
// bench/unseen.js): ESLint's Linter with @typescript-eslint/parser and a leakproof preset, untyped or
// typed (a tsconfig), a CommonJS retry for .js files that do not parse as modules, and rule crashes
// isolated so the other rules still count.

const fs = require('node:fs');
const path = require('node:path');

/**
 * `preset`: a leakproof config (`plugin.configs.all`). Returns lint(file, { typed, tsconfig, cwd }) →
 * { messages (leakproof's, not fatal), crashes: [{ rule, message }], parseError }.
 */
function makeFileLinter(parser, plugin, preset) {
  const { Linter } = require('eslint');
  const configFor = (typed, tsconfig, sourceType, rules) => [
    {
      files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
      languageOptions: {
        parser,
        sourceType,
        ecmaVersion: 'latest',
        parserOptions: typed ? { project: tsconfig, tsconfigRootDir: path.dirname(tsconfig) } : {},
      },
      plugins: preset.plugins ?? { leakproof: plugin },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      rules,
    },
  ];

  return function lint(file, { typed, tsconfig, cwd = path.dirname(file) }) {
    const code = fs.readFileSync(file, 'utf8');
    const linter = new Linter({ cwd });
    const run = (sourceType, rules) => linter.verify(code, configFor(typed, tsconfig, sourceType, rules), { filename: file });
    const runBoth = (rules) => {
      // CommonJS files may use what modules forbid (`with`, octal escapes, `return` at top level).
      let messages = run('module', rules);
      if (messages.some((m) => m.fatal) && !/\.(?:mjs|mts|ts|tsx)$/.test(file)) {
        const asScript = run('script', rules);
        if (!asScript.some((m) => m.fatal)) messages = asScript;
      }
      return messages;
    };
    const crashes = [];
    let messages;
    try {
      messages = runBoth(preset.rules);
    } catch {
      // A rule threw: lint rule by rule so that the other rules still count, and name the ones that throw.
      messages = [];
      for (const [rule, setting] of Object.entries(preset.rules)) {
        try {
          messages.push(...runBoth({ [rule]: setting }));
        } catch (error) {
          crashes.push({ rule, message: String(error && error.message ? error.message : error).split('\n')[0] });
        }
      }
    }
    const fatal = messages.find((m) => m.fatal);
    return {
      messages: messages.filter((m) => !m.fatal && typeof m.ruleId === 'string' && m.ruleId.startsWith('leakproof/')),
      crashes,
      parseError: fatal ? `${fatal.line}:${fatal.column} ${fatal.message}` : undefined,
    };
  };
}

module.exports = { makeFileLinter };
