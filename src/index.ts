import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../rules';
import { buildConfigs, type PresetName } from './configs';
import type { LeakproofDocs } from './create-rule';
import { packageInfo } from './package-info';

/**
 * A preset as users pass it to ESLint's `defineConfig`, typescript-eslint's `config()` or a plain
 * config array. Typed by its shape alone (a name, the plugin's meta, rule levels): typescript-eslint's
 * `FlatConfig.Config` would not satisfy ESLint's own config types (its `languageOptions` lacks their index
 * signature), and ESLint's types would make `eslint` a type dependency of every consumer.
 */
interface LeakproofConfig {
  name: `leakproof/${PresetName}`;
  plugins: { leakproof: { meta: { name: string; version: string } } };
  rules: { [rule: `leakproof/${string}`]: 'error' | ['error', ...unknown[]] };
}

/**
 * A rule as the plugin's public type shows it: loose enough that the plugin satisfies ESLint's `Plugin`
 * and typescript-eslint's, whose rule-context types differ. `rules/` keeps the precise types.
 */
interface LeakproofRule {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  meta: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  create(context: any): any;
}

type Plugin = {
  meta: { name: string; version: string };
  rules: { [name in keyof typeof rules]: LeakproofRule };
  configs: Record<PresetName, LeakproofConfig>;
};

const plugin = {
  meta: { name: packageInfo.name, version: packageInfo.version },
  rules,
  configs: {},
} as Plugin;

plugin.configs = buildConfigs(
  plugin as unknown as TSESLint.FlatConfig.Plugin,
  rules as Record<string, TSESLint.RuleModule<string, readonly unknown[], LeakproofDocs>>,
) as unknown as Record<PresetName, LeakproofConfig>;

// `export =` so that `require('leakproof')` and `import leakproof from 'leakproof'` both return the plugin.
export = plugin;
