'use strict';
// Generates the parts of the docs that rule meta decides: each docs/rules/<rule>.md header and the
// README rules table; and the README's table of CLI options, from the option metadata `--help` uses. `node scripts/rule-docs.js` writes them (after `npm run build`);
// test/docs.test.ts runs the same functions on the rules' sources and fails when a file is stale.
const fs = require('node:fs');
const path = require('node:path');

const HEADER_BEGIN = '<!-- begin auto-generated rule header -->';
const HEADER_END = '<!-- end auto-generated rule header -->';
const TABLE_BEGIN = '<!-- begin auto-generated rules list -->';
const TABLE_END = '<!-- end auto-generated rules list -->';
const OPTIONS_BEGIN = '<!-- begin generated cli options -->';
const OPTIONS_END = '<!-- end generated cli options -->';
const PRESETS = ['recommended', 'recommended-type-checked', 'strict', 'all'];
const ORDER = ['recommended', 'recommended-type-checked', 'strict'];

function presetsOf(rule) {
  const level = rule.meta.docs.recommended;
  if (!level) return ['all'];
  return PRESETS.filter((preset) => preset === 'all' || ORDER.indexOf(preset) >= ORDER.indexOf(level));
}

function fixText(rule) {
  const parts = [];
  if (rule.meta.fixable) parts.push('🔧 Autofix: where the rule can show that only memory use changes');
  if (rule.meta.hasSuggestions) parts.push(`💡 Suggestions${rule.meta.fixable ? ' otherwise' : ''}`);
  return parts.length > 0 ? parts.join('; ') : 'No fixes';
}

function typesText(rule) {
  return rule.meta.docs.requiresTypeChecking
    ? '💭 Requires type information'
    : '💭 Type information: optional (typed mode finds more, never reports more on the same evidence)';
}

function renderHeader(name, rule) {
  return [
    HEADER_BEGIN,
    `# leakproof/${name}`,
    '',
    `📝 ${rule.meta.docs.description}.`,
    '',
    `💼 Presets: ${presetsOf(rule).map((preset) => `\`${preset}\``).join(', ')}.`,
    '',
    `${fixText(rule)}.`,
    '',
    `${typesText(rule)}.`,
    '',
    HEADER_END,
  ].join('\n');
}

function renderTable(rules) {
  const rows = Object.keys(rules)
    .sort()
    .map((name) => {
      const rule = rules[name];
      const presets = presetsOf(rule).filter((preset) => preset !== 'all');
      const fix = [rule.meta.fixable ? '🔧' : '', rule.meta.hasSuggestions ? '💡' : ''].join('');
      const types = rule.meta.docs.requiresTypeChecking ? '💭 required' : 'optional';
      return `| [${name}](docs/rules/${name}.md) | ${rule.meta.docs.description} | ${presets.map((p) => `\`${p}\``).join(' ') || '`all` only'} | ${fix} | ${types} |`;
    });
  return [
    TABLE_BEGIN,
    '| Rule | Description | Presets | Fixes | Needs types |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    TABLE_END,
  ].join('\n');
}

/** The README's table of `leakproof lint` options, from the same metadata `--help` is generated from. */
function renderOptionsTable(options) {
  const cell = (text) => text.replace(/\|/g, '\\|');
  const rows = options.map((option) => {
    const name = `${option.alias ? `\`-${option.alias}\`, ` : ''}\`--${option.name}${option.type === 'string' ? ` ${option.value || 'VALUE'}` : ''}\``;
    const choices = option.choices ? ` (${option.choices.map((choice) => `\`${choice}\``).join(', ')})` : '';
    return `| ${name} | ${cell(option.description)}${choices} |`;
  });
  return [OPTIONS_BEGIN, '| Option | What it does |', '| --- | --- |', ...rows, OPTIONS_END].join('\n');
}

function replaceBetween(text, begin, end, replacement) {
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start < 0 || stop < start) return undefined;
  return text.slice(0, start) + replacement + text.slice(stop + end.length);
}

/** What each generated file should contain: { path: expected text } (undefined when markers are missing). */
function expectedFiles(rules, root, cliOptions) {
  const files = {};
  for (const name of Object.keys(rules)) {
    const file = path.join(root, 'docs', 'rules', `${name}.md`);
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    files[file] = replaceBetween(text, HEADER_BEGIN, HEADER_END, renderHeader(name, rules[name]));
  }
  const readme = path.join(root, 'README.md');
  let text = replaceBetween(fs.readFileSync(readme, 'utf8'), TABLE_BEGIN, TABLE_END, renderTable(rules));
  if (text !== undefined && cliOptions) text = replaceBetween(text, OPTIONS_BEGIN, OPTIONS_END, renderOptionsTable(cliOptions));
  files[readme] = text;
  return files;
}

module.exports = { renderHeader, renderTable, renderOptionsTable, expectedFiles, HEADER_BEGIN, HEADER_END, TABLE_BEGIN, TABLE_END, OPTIONS_BEGIN, OPTIONS_END };

if (require.main === module) {
  const root = path.join(__dirname, '..');
  const { rules } = require(path.join(root, 'dist', 'src', 'index.js'));
  const { OPTIONS } = require(path.join(root, 'dist', 'src', 'cli', 'lint.js'));
  for (const [file, text] of Object.entries(expectedFiles(rules, root, OPTIONS))) {
    if (text === undefined) {
      process.stderr.write(`rule-docs: ${path.relative(root, file)} lacks the generated-section markers\n`);
      process.exitCode = 1;
    } else if (fs.readFileSync(file, 'utf8') !== text) {
      fs.writeFileSync(file, text);
      process.stdout.write(`rule-docs: updated ${path.relative(root, file)}\n`);
    }
  }
}
