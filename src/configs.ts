import type { TSESLint } from '@typescript-eslint/utils';
import type { LeakproofDocs, PresetLevel } from './create-rule';

export type PresetName = 'recommended' | 'recommended-type-checked' | 'strict' | 'all';

type AnyRule = TSESLint.RuleModule<string, readonly unknown[], LeakproofDocs>;

const PRESET_ORDER: readonly PresetLevel[] = ['recommended', 'recommended-type-checked', 'strict'];

function includes(preset: PresetName, level: PresetLevel | undefined): boolean {
  if (preset === 'all') return true;
  if (!level) return false;
  return PRESET_ORDER.indexOf(level) <= PRESET_ORDER.indexOf(preset);
}

/** The rules each preset turns on, computed from each rule's `meta.docs` (the one source of truth). */
export function presetRules(
  rules: Record<string, AnyRule>,
  preset: PresetName,
): TSESLint.FlatConfig.Rules {
  const out: TSESLint.FlatConfig.Rules = {};
  for (const [name, rule] of Object.entries(rules)) {
    const docs = rule.meta.docs;
    if (!docs || !includes(preset, docs.recommended)) continue;
    const strictOptions = docs.strictOptions;
    const typeCheckedOptions = docs.typeCheckedOptions;
    out[`leakproof/${name}`] =
      (preset === 'strict' || preset === 'all') && strictOptions && strictOptions.length > 0
        ? ['error', ...strictOptions]
        : preset !== 'recommended' && typeCheckedOptions && typeCheckedOptions.length > 0
          ? ['error', ...typeCheckedOptions]
          : 'error';
  }
  return out;
}

export function buildConfigs(
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Record<string, AnyRule>,
): Record<PresetName, TSESLint.FlatConfig.Config> {
  const make = (preset: PresetName): TSESLint.FlatConfig.Config => ({
    name: `leakproof/${preset}`,
    plugins: { leakproof: plugin },
    rules: presetRules(rules, preset),
  });
  return {
    recommended: make('recommended'),
    'recommended-type-checked': make('recommended-type-checked'),
    strict: make('strict'),
    all: make('all'),
  };
}
