import type { RuleMetaLike } from '../report/sarif';

/**
 * leakproof's rule meta by full rule id, for SARIF descriptors of heap and runtime findings. Loaded on
 * demand: the plugin pulls in typescript-eslint, which `leakproof heap` needs only for `--format sarif`.
 */
export function leakproofRulesMeta(): Record<string, RuleMetaLike> {
  const plugin = require('../index') as { rules: Record<string, { meta: RuleMetaLike }> };
  return Object.fromEntries(Object.entries(plugin.rules).map(([name, rule]) => [`leakproof/${name}`, rule.meta]));
}
