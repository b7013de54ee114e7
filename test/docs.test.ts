import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { OPTIONS } from '../src/cli/lint';
import plugin from '../src/index';
import { rules } from '../rules';

// The generator the `docs` script runs; here it runs on the rules' sources.
const { expectedFiles } = require('../scripts/rule-docs.js') as {
  expectedFiles: (rules: unknown, root: string, cliOptions?: unknown) => Record<string, string | undefined>;
};

const ROOT = path.join(__dirname, '..');
const TYPED_FILE = path.join(__dirname, 'typed', 'file.ts');
const SECTIONS = ['## Examples', '## Typed and untyped', '## Fixes', '## Options', '## Known limitations', '## Confirm at runtime'];

interface Example {
  kind: 'incorrect' | 'correct';
  code: string;
  line: number;
}

function examples(markdown: string): Example[] {
  const found: Example[] = [];
  const pattern = /^```ts (incorrect|correct)\n([^]*?)^```$/gm;
  for (let match = pattern.exec(markdown); match; match = pattern.exec(markdown)) {
    found.push({
      kind: match[1] as Example['kind'],
      code: match[2] as string,
      line: markdown.slice(0, match.index).split('\n').length,
    });
  }
  return found;
}

// Examples are linted with type information, the way `recommended-type-checked` users see them.
const linter = new Linter({ configType: 'flat' });
function lintExample(ruleName: string, code: string): Linter.LintMessage[] {
  const config = [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tsParser,
        parserOptions: { projectService: true, tsconfigRootDir: path.join(__dirname, 'typed') },
      },
      plugins: { leakproof: plugin },
      rules: { [`leakproof/${ruleName}`]: 'error' },
    },
  ] as Linter.Config[];
  return linter.verify(code, config, { filename: TYPED_FILE });
}

describe('docs', () => {
  it('generated headers, the README rules table and its CLI option table (the source of --help) match their sources (run `npm run docs`)', () => {
    for (const [file, expected] of Object.entries(expectedFiles(rules, ROOT, OPTIONS))) {
      expect([path.relative(ROOT, file), expected === undefined ? 'markers missing' : 'ok']).toEqual([path.relative(ROOT, file), 'ok']);
      expect([path.relative(ROOT, file), fs.readFileSync(file, 'utf8')]).toEqual([path.relative(ROOT, file), expected]);
    }
  });

  it('stand alone in the npm package: no folder outside the repository, and each script named exists and is said to live in the repository', () => {
    const pages = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs', 'rules')).map((file) => path.join('docs', 'rules', file))];
    const problems: string[] = [];
    for (const page of pages) {
      const text = fs.readFileSync(path.join(ROOT, page), 'utf8');
      if (/\bfacts\//.test(text)) problems.push(`${page}: cites facts/, which is not in the repository or the package`);
      for (const match of text.matchAll(/`node (?:--expose-gc )?(scripts\/[\w.-]+\.js)`(.{0,80})/gs)) {
        const [, script, after] = match as unknown as [string, string, string];
        if (!fs.existsSync(path.join(ROOT, script))) problems.push(`${page}: ${script} does not exist`);
        if (!/in (leakproof's|the) repository/.test(after)) problems.push(`${page}: ${script} is not said to be in the repository (the package has no scripts/)`);
      }
    }
    expect(problems).toEqual([]);
  });

  describe.each(Object.keys(rules).sort())('%s', (name) => {
    const markdown = fs.readFileSync(path.join(ROOT, 'docs', 'rules', `${name}.md`), 'utf8');

    it('has the sections in order and documents every option', () => {
      const positions = SECTIONS.map((section) => markdown.indexOf(`\n${section}\n`));
      expect(positions.every((position) => position > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      const options = markdown.slice(markdown.indexOf('\n## Options\n'), markdown.indexOf('\n## Known limitations\n'));
      for (const schema of rules[name].meta.schema as unknown as { properties: Record<string, unknown> }[]) {
        for (const property of Object.keys(schema.properties)) expect(options).toContain(`\n### \`${property}\`\n`);
      }
    });

    const blocks = examples(markdown);
    it('has incorrect and correct examples', () => {
      expect(blocks.filter((block) => block.kind === 'incorrect').length).toBeGreaterThan(0);
      expect(blocks.filter((block) => block.kind === 'correct').length).toBeGreaterThan(0);
    });

    it.each(blocks.map((block) => [block.kind, block.line, block] as const))('%s example at line %i', (kind, _line, block) => {
      const messages = lintExample(name, block.code);
      expect(messages.filter((message) => message.fatal)).toEqual([]);
      const own = messages.filter((message) => message.ruleId === `leakproof/${name}`);
      if (kind === 'incorrect') expect(own.length).toBeGreaterThan(0);
      else expect(own).toEqual([]);
    });
  });
});
