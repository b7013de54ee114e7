import type { RuleMetaLike } from '../report/sarif';

/**
 * leakproof's rule meta by full rule id, for SARIF descriptors of heap and runtime findings. Loaded on
 * demand: the plugin pulls in typescript-eslint, which `leakproof heap` needs only for `--format sarif`.
 * Without the plugin's optional peers installed (a runtime-only install), descriptors carry the id and
 * the docs link only.
 */
export function leakproofRulesMeta(): Record<string, RuleMetaLike> {
  let plugin: { rules: Record<string, { meta: RuleMetaLike }> };
  try {
    plugin = require('../index') as typeof plugin;
  } catch {
    return {};
  }
  return Object.fromEntries(Object.entries(plugin.rules).map(([name, rule]) => [`leakproof/${name}`, rule.meta]));
}
