import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageInfo } from '../package-info';

export interface RuleDocText {
  /** The page's first paragraph after the generated header: what the rule reports and what it costs. */
  summary: string;
  /** The page without its generated header, for SARIF `help.markdown`. */
  markdown: string;
}

const HEADER_END = '<!-- end auto-generated rule header -->';

/**
 * A rule's docs page as shipped in the package (`docs/rules/<name>.md`, `docs/<name>.md` for
 * `parse-error`), or undefined when it is not there.
 */
export function ruleDocText(name: string): RuleDocText | undefined {
  const candidates = [path.join(packageInfo.root, 'docs', 'rules', `${name}.md`), path.join(packageInfo.root, 'docs', `${name}.md`)];
  for (const file of candidates) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const end = text.indexOf(HEADER_END);
    const body = (end >= 0 ? text.slice(end + HEADER_END.length) : text).trim();
    const paragraph = body
      .split(/\n\s*\n/)
      .find((block) => block.trim() !== '' && !/^\s*(#|```|<!--|\|)/.test(block));
    return { summary: (paragraph ?? body).replace(/\s*\n\s*/g, ' ').trim(), markdown: body };
  }
  return undefined;
}
