import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../src/index';
import { rules } from '../rules';

const ROOT = path.join(__dirname, '..');
const ruleFiles = fs
  .readdirSync(path.join(ROOT, 'rules'))
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();

describe('plugin', () => {
  it('registers exactly the rules in rules/', () => {
    expect(Object.keys(rules).sort()).toEqual(ruleFiles);
    expect(plugin.rules).toBe(rules);
  });

  it('names itself from package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(plugin.meta).toEqual({ name: 'leakproof', version: pkg.version });
  });

  it.each(ruleFiles)('%s has a docs page, a test file and meta that follows the house style', (name) => {
    const rule = rules[name];
    expect(fs.existsSync(path.join(ROOT, 'docs', 'rules', `${name}.md`))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, 'test', 'rules', `${name}.test.ts`))).toBe(true);
    expect(rule.meta.type).toBe('problem');
    expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
    expect(rule.meta.docs?.description).toMatch(/^(Disallow|Require|Enforce) [^]*[^.]$/);
    for (const messageId of Object.keys(rule.meta.messages)) expect(messageId).toMatch(/^[a-z][a-zA-Z]+$/);
    const schema = rule.meta.schema as { type: string; properties: Record<string, { description?: string }>; additionalProperties: boolean }[];
    for (const options of schema) {
      expect(options.additionalProperties).toBe(false);
      for (const [property, spec] of Object.entries(options.properties)) {
        expect([property, typeof spec.description]).toEqual([property, 'string']);
      }
    }
  });

  it('computes every preset from rule meta and registers itself in each', () => {
    const order = ['recommended', 'recommended-type-checked', 'strict'];
    for (const preset of ['recommended', 'recommended-type-checked', 'strict', 'all'] as const) {
      const config = plugin.configs[preset];
      expect(config.plugins?.leakproof).toBe(plugin);
      const expected = ruleFiles.filter((name) => {
        const level = rules[name].meta.docs?.recommended;
        return preset === 'all' || (level !== undefined && order.indexOf(level) <= order.indexOf(preset));
      });
      expect(Object.keys(config.rules ?? {}).sort()).toEqual(expected.map((name) => `leakproof/${name}`));
    }
    // `recommended` must not contain a rule that needs types.
    for (const ruleId of Object.keys(plugin.configs.recommended.rules ?? {})) {
      expect(rules[ruleId.replace('leakproof/', '')].meta.docs?.requiresTypeChecking).toBeFalsy();
    }
  });

  it('loads from the built package with require and with import', () => {
    const required = spawnSync(process.execPath, ['-e', "const p = require('leakproof'); console.log(p.meta.name, Object.keys(p.rules).length, Object.keys(p.configs).join(','))"], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(required.stderr).toBe('');
    expect(required.stdout.trim()).toBe(`leakproof ${ruleFiles.length} recommended,recommended-type-checked,strict,all`);
    const imported = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "import p from 'leakproof'; console.log(p.meta.name, Object.keys(p.rules).length)"],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(imported.stderr).toBe('');
    expect(imported.stdout.trim()).toBe(`leakproof ${ruleFiles.length}`);
  });

  it('gives the same findings under ESLint 9 and ESLint 10', () => {
    const code = fs.readFileSync(path.join(ROOT, 'fixtures', 'tcp-frame-parser', 'leaky.ts'), 'utf8');
    const config = [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      plugin.configs.all,
    ] as Linter.Config[];
    // eslint9 is ESLint 9 installed under an alias (package.json devDependencies).
    const { Linter: Linter9 } = require('eslint9') as typeof import('eslint');
    const summary = (messages: Linter.LintMessage[]) => messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`);
    const v10 = new Linter({ configType: 'flat' }).verify(code, config, { filename: 'leaky.ts' });
    const v9 = new Linter9({ configType: 'flat' }).verify(code, config as never, { filename: 'leaky.ts' });
    expect(summary(v10)).toEqual(['leakproof/no-retained-view@18:24']);
    expect(summary(v9)).toEqual(summary(v10));
  });

  it('runs the recommended preset with no TypeScript program and stays quiet where unsure', () => {
    const code = `
      export class Relay {
        private items: unknown[] = [];
        onMessage(msg: any) {
          this.items.push(msg.slice(0, 40));
        }
      }
    `;
    const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs.recommended] as Linter.Config[];
    expect(new Linter({ configType: 'flat' }).verify(code, config, { filename: 'relay.ts' })).toEqual([]);
  });

  it('fails with a clear message on bad settings, never on code', () => {
    const config = [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser }, settings: { leakproof: { handlerMethod: ['x'] } } },
      plugin.configs.recommended,
    ] as Linter.Config[];
    expect(() =>
      new Linter({ configType: 'flat' }).verify("socket.on('data', (c) => keep.push(c.subarray(0, 4)));", config, {
        filename: 'x.ts',
      }),
    ).toThrow('leakproof: unknown setting settings.leakproof.handlerMethod (known: handlerMethods, actorBaseClasses, handlerFactories)');
  });
});
