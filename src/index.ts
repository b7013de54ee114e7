import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../rules';
import { buildConfigs, type PresetName } from './configs';
import type { LeakproofDocs } from './create-rule';
import { packageInfo } from './package-info';

type Plugin = TSESLint.FlatConfig.Plugin & {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: Record<PresetName, TSESLint.FlatConfig.Config>;
};

const plugin = {
  meta: { name: packageInfo.name, version: packageInfo.version },
  rules,
  configs: {},
} as Plugin;

plugin.configs = buildConfigs(
  plugin,
  rules as Record<string, TSESLint.RuleModule<string, readonly unknown[], LeakproofDocs>>,
);

// `export =` so that `require('leakproof')` and `import leakproof from 'leakproof'` both return the plugin.
export = plugin;
