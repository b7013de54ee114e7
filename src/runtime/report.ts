import { allSites, counters, DEFAULT_RULE, isLoaderActive, isTracking } from './sites';
import type { Site } from './sites';
import { loaderRecording, stampedSites } from './static-sites';
import type { RuntimeFinding, RuntimeReport, RuntimeSite } from './types';

/**
 * The sites whose recorded views are still alive, most retained bytes first. The loader's views (when it
 * stamps them) are counted from the views alive now: this collects all garbage first. A view followed
 * weakly (`track()`, or the loader where it cannot list views) counts as dead once the garbage collector
 * has collected it and its finalizer has run (finalizers run as separate tasks: after a forced `gc()`,
 * let the event loop turn before calling this). Plain JSON data: write it with
 * `JSON.stringify(report())` or `writeReport(file)` for `leakproof lint --runtime-report FILE`.
 */
export function report(): RuntimeReport {
  const { seenViews, recordedViews, options } = counters();
  const result: RuntimeReport = {
    version: 1,
    tool: 'leakproof/runtime',
    generatedAt: new Date().toISOString(),
    tracking: isTracking(),
    loader: isLoaderActive(),
    ...(isLoaderActive() ? { recording: loaderRecording() } : {}),
    options,
    seenViews,
    recordedViews,
    sites: [],
  };
  try {
    for (const site of allSites()) if (site.liveViews > 0) result.sites.push(siteEntry(site, site.liveViews, site.retainedBytes, site.usedBytes));
    try {
      for (const { site, liveViews, retainedBytes, usedBytes } of stampedSites()) result.sites.push(siteEntry(site, liveViews, retainedBytes, usedBytes));
    } catch (error) {
      result.incomplete = `the views the loader recorded could not be listed (${error instanceof Error ? error.message : String(error)}); their sites are left out`;
    }
    result.sites.sort(
      (a, b) => b.retainedBytes - b.usedBytes - (a.retainedBytes - a.usedBytes) || b.liveViews - a.liveViews || a.file.localeCompare(b.file) || a.line - b.line,
    );
  } catch {
    // return what was gathered
  }
  return result;
}

function siteEntry(site: Site, liveViews: number, retainedBytes: number, usedBytes: number): RuntimeSite {
  return { file: site.file, line: site.line, column: site.column, rule: site.rule, liveViews, retainedBytes, usedBytes, via: site.via };
}

/** Writes `report()` as JSON to `file` (for `leakproof lint --runtime-report FILE`). Returns false on failure. */
export function writeReport(file: string): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('node:fs') as typeof import('node:fs');
    fs.writeFileSync(file, `${JSON.stringify(report(), null, 2)}\n`);
    return true;
  } catch {
    return false;
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/**
 * A report's sites as findings in the tool-neutral shape the CLI writes as SARIF (`ruleId`, `message`,
 * `level`, `file`, `line`, `column`, `properties`). `root`, when given, makes absolute paths relative to it.
 */
export function toSarifFindings(runtimeReport: Pick<RuntimeReport, 'sites'>, root?: string): RuntimeFinding[] {
  const findings: RuntimeFinding[] = [];
  try {
    const prefix = root === undefined ? undefined : root.replace(/[\\/]+$/, '') + '/';
    for (const site of runtimeReport.sites) {
      let file = site.file.split('\\').join('/');
      if (prefix !== undefined && file.startsWith(prefix.split('\\').join('/'))) file = file.slice(prefix.length);
      findings.push({
        ruleId: site.rule ?? DEFAULT_RULE,
        level: 'warning',
        message: `${site.liveViews} live view(s) made here (${site.via || 'a view'}) keep ${formatBytes(site.retainedBytes)} of ArrayBuffers for ${formatBytes(site.usedBytes)} used.`,
        file,
        line: site.line,
        column: site.column,
        properties: { liveViews: site.liveViews, retainedBytes: site.retainedBytes, usedBytes: site.usedBytes, via: site.via },
      });
    }
  } catch {
    // return what was converted
  }
  return findings;
}
