'use strict';
// Real-incident yardstick: retention bugs that maintainers of public JavaScript/TypeScript projects fixed,
// one file each (bench/incidents/incidents.json holds their metadata only: repository, commits, path and
// line numbers; no third-party code is in this repository). Sixteen sets, same schema, chosen with --set:
// `incidents` (the default, incidents.json: these guided the rules, so they no longer measure unseen
// code), `heldout` (heldout.json: collected blind, then used to guide fixes too), `heldout2`
// (heldout2.json: a second set collected blind, which has since guided rule changes as well),
// `heldout3` (heldout3.json: a third set collected blind, which has since guided rule changes too),
// `heldout4` (heldout4.json: a fourth set collected blind, scored once and since used to guide a change),
// `heldout5` (heldout5.json: a fifth set collected blind, scored once and since used to guide two mends),
// `heldout6` (heldout6.json: a sixth set collected blind, scored once and since used to guide changes),
// `heldout7` (heldout7.json: a seventh set collected blind),
// `heldout8` (heldout8.json: an eighth set collected blind, scored once),
// `heldout9` (heldout9.json: a ninth set collected blind, scored once),
// `heldout10` (heldout10.json: a tenth set collected blind, scored once),
// `heldout11` (heldout11.json: an eleventh set collected blind, scored once),
// `heldout12` (heldout12.json: a twelfth set collected blind, scored once),
// `heldout13` (heldout13.json: a thirteenth set collected blind, scored once),
// `heldout14` (heldout14.json: a fourteenth set collected blind, scored once),
// `heldout15` (heldout15.json: a fifteenth set collected blind, scored once), `heldout16` (heldout16.json: a
// sixteenth set collected blind, scored once), `heldout17` (heldout17.json: a seventeenth, collected blind in parallel
// with the sixteenth, scored once), `heldout18` (heldout18.json: the incidents a second collector of the sixteenth
// set found that it does not hold, scored once), `heldout19` (heldout19.json: a nineteenth, Node and server code,
// scored once), `heldout20` (heldout20.json: a twentieth, browser, worker and media code, collected blind in
// parallel with the nineteenth, scored once), `heldout21` (heldout21.json: a twenty-first, peer-to-peer, RPC and
// messaging code, scored once), `heldout22` (heldout22.json: a twenty-second, text, string and file-format code,
// collected blind in parallel with the twenty-first, scored once) and `heldout23` (heldout23.json: a twenty-third,
// database drivers, queues and observability agents, scored once).
//
// For each incident it takes the file at the parent commit (the leak) and at the fix commit from a fetched
// bare git snapshot of the repository (`git show COMMIT:PATH`; nothing is fetched here, there is no
// network access), writes each into a temporary copy of its package's sources at that commit (the
// .ts/.js files under the nearest folder with a package.json; no dependencies are installed), lints the
// file with leakproof's built plugin (dist/) and its `all` preset through ESLint's Linter and
// @typescript-eslint/parser, untyped and typed (a tsconfig naming the file, with @types/node; the file's
// relative imports resolve in the copied tree), and prints, untyped and typed side by side:
//   - recall at the leaky lines: a leaky line is found when a report of the expected rule starts on it
//     ("rule"), and separately when a report of any leakproof rule does ("any"); an entry of leakyLines
//     that is an array is one leak whose report may start on any of those lines;
//   - reports on the fixed lines: reports in the fixed file that start on a line the fix wrote
//     (fixedLines), against all reports in the fixed file; precision there = 1 - on fixed lines / all;
//   - rule crashes (a rule that throws; the file is then linted rule by rule so the others still count)
//     and files that do not parse.
//
// Snapshots: a directory holding one git directory per repository, as `owner+name/repo` (or its `.git`),
// `owner+name`, `owner+name.git`, `owner/name` or `owner/name.git`. Give it with --mirrors DIR or the
// LEAKPROOF_MIRRORS environment variable (bench/README.md says how to fetch them).
//
// Usage: node bench/incidents.js [--set incidents|heldout|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|heldout8|heldout9|heldout10|heldout11|heldout12|heldout13|heldout14|heldout15|heldout16|heldout17|heldout18|heldout19|heldout20|heldout21|heldout22|heldout23] [--mirrors DIR] [--mode untyped|typed|both]
//          [--only ID[,ID...]] [--json FILE] [--verbose] [--if-present]
//   --if-present: exit 0 with one line when no snapshot directory is given or none of its repositories
//   is there (what `npm run bench` uses); without it that is an error (exit code 2).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { makeFileLinter } = require('./lint-file');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const INCIDENTS_FILE = path.join(__dirname, 'incidents', 'incidents.json');
/** The incident sets, by --set name: each a file of the same schema under bench/incidents/. */
const SETS = {
  incidents: INCIDENTS_FILE,
  heldout: path.join(__dirname, 'incidents', 'heldout.json'),
  heldout2: path.join(__dirname, 'incidents', 'heldout2.json'),
  heldout3: path.join(__dirname, 'incidents', 'heldout3.json'),
  heldout4: path.join(__dirname, 'incidents', 'heldout4.json'),
  heldout5: path.join(__dirname, 'incidents', 'heldout5.json'),
  heldout6: path.join(__dirname, 'incidents', 'heldout6.json'),
  heldout7: path.join(__dirname, 'incidents', 'heldout7.json'),
  heldout8: path.join(__dirname, 'incidents', 'heldout8.json'),
  heldout9: path.join(__dirname, 'incidents', 'heldout9.json'),
  heldout10: path.join(__dirname, 'incidents', 'heldout10.json'),
  heldout11: path.join(__dirname, 'incidents', 'heldout11.json'),
  heldout12: path.join(__dirname, 'incidents', 'heldout12.json'),
  heldout13: path.join(__dirname, 'incidents', 'heldout13.json'),
  heldout14: path.join(__dirname, 'incidents', 'heldout14.json'),
  heldout15: path.join(__dirname, 'incidents', 'heldout15.json'),
  heldout16: path.join(__dirname, 'incidents', 'heldout16.json'),
  heldout17: path.join(__dirname, 'incidents', 'heldout17.json'),
  heldout18: path.join(__dirname, 'incidents', 'heldout18.json'),
  heldout19: path.join(__dirname, 'incidents', 'heldout19.json'),
  heldout20: path.join(__dirname, 'incidents', 'heldout20.json'),
  heldout21: path.join(__dirname, 'incidents', 'heldout21.json'),
  heldout22: path.join(__dirname, 'incidents', 'heldout22.json'),
  heldout23: path.join(__dirname, 'incidents', 'heldout23.json'),
};
const RULES = [
  'no-retained-view',
  'no-retained-substring',
  'no-buffer-slice',
  'no-backing-buffer-escape',
  'no-cloned-view',
  'no-middleman-forwarding',
  'require-hibernation',
];
const MODES = ['untyped', 'typed'];

class UsageError extends Error {}

function parseArgs(argv) {
  const options = { set: 'incidents', mirrors: process.env.LEAKPROOF_MIRRORS || undefined, mode: 'both', only: undefined, json: undefined, verbose: false, ifPresent: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--set') options.set = value();
    else if (arg.startsWith('--set=')) options.set = arg.slice('--set='.length);
    else if (arg === '--mirrors') options.mirrors = value();
    else if (arg.startsWith('--mirrors=')) options.mirrors = arg.slice('--mirrors='.length);
    else if (arg === '--mode') options.mode = value();
    else if (arg === '--only') options.only = value().split(',').filter(Boolean);
    else if (arg === '--json') options.json = value();
    else if (arg === '--verbose') options.verbose = true;
    else if (arg === '--if-present') options.ifPresent = true;
    else throw new UsageError(`unknown argument: ${arg} (usage: bench/incidents.js [--set ${Object.keys(SETS).join('|')}] [--mirrors DIR] [--mode untyped|typed|both] [--only ID,...] [--json FILE] [--verbose] [--if-present])`);
  }
  if (!['untyped', 'typed', 'both'].includes(options.mode)) throw new UsageError('--mode: untyped, typed or both');
  if (!Object.hasOwn(SETS, options.set)) throw new UsageError(`--set: one of ${Object.keys(SETS).join(', ')} (got ${options.set})`);
  return options;
}

/** Reads and checks bench/incidents/incidents.json; a malformed entry is an error naming it. */
function loadIncidents(file = INCIDENTS_FILE) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!data || !Array.isArray(data.incidents)) throw new Error(`${file}: expected { "incidents": [...] }`);
  const ids = new Set();
  const isLine = (n) => Number.isInteger(n) && n >= 1;
  for (const [index, incident] of data.incidents.entries()) {
    const where = `${path.relative(process.cwd(), file)}: incident ${incident && incident.id ? incident.id : `#${index}`}`;
    for (const key of ['id', 'repository', 'fixCommit', 'parentCommit', 'path', 'pathAfter', 'rule', 'description', 'reference']) {
      if (typeof incident[key] !== 'string' || incident[key] === '') throw new Error(`${where}: "${key}" must be a non-empty string`);
    }
    if (ids.has(incident.id)) throw new Error(`${where}: duplicate id`);
    ids.add(incident.id);
    if (!/^[\w.-]+\/[\w.-]+$/.test(incident.repository)) throw new Error(`${where}: "repository" must be owner/name`);
    for (const key of ['fixCommit', 'parentCommit']) {
      if (!/^[0-9a-f]{40}$/.test(incident[key])) throw new Error(`${where}: "${key}" must be a full 40-hex commit`);
    }
    if (!RULES.includes(incident.rule)) throw new Error(`${where}: "rule" must be one of ${RULES.join(', ')}`);
    if (!Array.isArray(incident.leakyLines) || incident.leakyLines.length === 0) throw new Error(`${where}: "leakyLines" must be a non-empty array`);
    for (const entry of incident.leakyLines) {
      const lines = Array.isArray(entry) ? entry : [entry];
      if (lines.length === 0 || !lines.every(isLine)) throw new Error(`${where}: each "leakyLines" entry is a line number or a non-empty array of line numbers`);
    }
    if (!Array.isArray(incident.fixedLines) || !incident.fixedLines.every(isLine)) throw new Error(`${where}: "fixedLines" must be an array of line numbers`);
  }
  return data.incidents;
}

/** The bare git directory of `owner/name` under the snapshot directory, or undefined. */
function findGitDir(mirrors, repository) {
  const [owner, name] = repository.split('/');
  const candidates = [
    path.join(mirrors, `${owner}+${name}`, 'repo'),
    path.join(mirrors, `${owner}+${name}`, 'repo', '.git'),
    path.join(mirrors, `${owner}+${name}`),
    path.join(mirrors, `${owner}+${name}.git`),
    path.join(mirrors, owner, name),
    path.join(mirrors, owner, `${name}.git`),
  ];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'HEAD')) && fs.existsSync(path.join(dir, 'objects')));
}

function gitShow(gitDir, commit, file) {
  return execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${file}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The nearest folder above `file` (at `commit`) holding a package.json, or undefined for none below the root. */
function packageDirOf(gitDir, commit, file) {
  for (let dir = path.posix.dirname(file); dir !== '.' && dir !== '/'; dir = path.posix.dirname(dir)) {
    try {
      execFileSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${commit}:${dir}/package.json`], { stdio: 'ignore' });
      return dir;
    } catch {
      // not here
    }
  }
  try {
    execFileSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${commit}:package.json`], { stdio: 'ignore' });
    return '';
  } catch {
    return undefined;
  }
}

/** The source files (.ts/.js and declarations) of `dir` at `commit`, written under `into` at their repository paths. */
function extractTree(gitDir, commit, dir, into) {
  if (dir === undefined) return;
  const listing = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '--name-only', commit, '--', dir || '.'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const sources = listing.split('\n').filter((f) => /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/.test(f) && !/(?:^|\/)node_modules\//.test(f));
  if (sources.length === 0 || sources.length > 4000) return;
  const archive = (files) => execFileSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', commit, '--', ...files], { maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  let tar;
  try {
    tar = archive(sources);
  } catch {
    // A snapshot may list its largest files without holding them (a generated data file): the tree around
    // the incident's file is context for typed mode, so it is extracted without those. The incident's own
    // file is read by itself, and an error there still leaves the incident out.
    const present = presentFiles(gitDir, commit, sources);
    if (present.length === 0) return;
    tar = archive(present);
  }
  execFileSync('tar', ['-x', '-C', into], { input: tar, maxBuffer: 64 * 1024 * 1024 });
}

/** The files of `paths` whose blobs the snapshot holds at `commit`. */
function presentFiles(gitDir, commit, paths) {
  const out = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    input: paths.map((p) => `${commit}:${p}`).join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = out.split('\n');
  return paths.filter((_, i) => / blob$/.test(lines[i] ?? ''));
}

/** Scores one file pair in one mode. */
function score(incident, parentResult, fixedResult) {
  const expected = `leakproof/${incident.rule}`;
  const startsOn = (messages, lines) => messages.filter((m) => lines.includes(m.line));
  let foundRule = 0;
  let foundAny = 0;
  const missed = [];
  for (const entry of incident.leakyLines) {
    const lines = Array.isArray(entry) ? entry : [entry];
    const onIt = startsOn(parentResult.messages, lines);
    if (onIt.some((m) => m.ruleId === expected)) foundRule++;
    if (onIt.length > 0) foundAny++;
    else missed.push(lines.join('|'));
  }
  const onFixed = startsOn(fixedResult.messages, incident.fixedLines);
  return {
    leaky: incident.leakyLines.length,
    foundRule,
    foundAny,
    missed,
    parentReports: parentResult.messages.length,
    fixedReports: fixedResult.messages.length,
    onFixedLines: onFixed.length,
    onFixedLinesDetail: onFixed.map((m) => `${m.line}:${m.ruleId.slice('leakproof/'.length)}`),
    crashes: parentResult.crashes.length + fixedResult.crashes.length,
    crashDetail: [...parentResult.crashes, ...fixedResult.crashes],
    parseErrors: [parentResult.parseError, fixedResult.parseError].filter(Boolean),
  };
}

const pct = (num, den) => (den === 0 ? '  n/a' : `${((num / den) * 100).toFixed(0).padStart(4)}%`);
const precision = (s) => (s.fixedReports === 0 ? 'n/a' : (1 - s.onFixedLines / s.fixedReports).toFixed(2));

function writeTsconfig(dir, fileName) {
  const tsconfig = path.join(dir, 'tsconfig.json');
  fs.writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'commonjs',
        moduleResolution: 'node',
        lib: ['es2022', 'dom'],
        allowJs: true,
        checkJs: false,
        strict: false,
        noEmit: true,
        skipLibCheck: true,
        experimentalDecorators: true,
        jsx: 'preserve',
        types: ['node'],
        typeRoots: [path.join(ROOT, 'node_modules', '@types')],
      },
      files: [fileName],
    }),
  );
  return tsconfig;
}

function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return 2;
  }
  const setFile = SETS[options.set];
  const setName = path.relative(ROOT, setFile).split(path.sep).join('/');
  const incidentsAll = loadIncidents(setFile);
  const incidents = options.only ? incidentsAll.filter((i) => options.only.includes(i.id)) : incidentsAll;
  if (options.only) {
    const unknown = options.only.filter((id) => !incidentsAll.some((i) => i.id === id));
    if (unknown.length > 0) {
      console.error(`--only: no incident with id ${unknown.join(', ')} in ${setName}`);
      return 2;
    }
  }
  // The default set keeps its lines as they were; another set names itself in each.
  const label = options.set === 'incidents' ? 'bench incidents' : `bench incidents (set ${options.set})`;
  const skipOrFail = (message) => {
    console.log(`${label}: ${options.ifPresent ? 'skipped' : 'cannot run'}: ${message}`);
    return options.ifPresent ? 0 : 2;
  };
  if (!options.mirrors) {
    return skipOrFail('no snapshot directory (set LEAKPROOF_MIRRORS or pass --mirrors DIR: a directory of fetched bare git snapshots, see bench/README.md)');
  }
  const mirrors = path.resolve(options.mirrors);
  if (!fs.existsSync(mirrors)) return skipOrFail(`the snapshot directory ${mirrors} does not exist`);

  const repos = [...new Set(incidents.map((i) => i.repository))];
  const gitDirs = new Map(repos.map((r) => [r, findGitDir(mirrors, r)]));
  const missingRepos = repos.filter((r) => !gitDirs.get(r));
  if (missingRepos.length === repos.length) {
    return skipOrFail(`none of the ${repos.length} repositories has a snapshot under ${mirrors} (looked for owner+name/repo, owner+name, owner/name); missing: ${missingRepos.join(', ')}`);
  }
  if (missingRepos.length > 0) {
    console.log(`${label}: ${missingRepos.length} of ${repos.length} repositories have no snapshot under ${mirrors}, their incidents are left out: ${missingRepos.join(', ')}`);
  }

  const parser = require('@typescript-eslint/parser');
  const distEntry = path.join(ROOT, 'dist', 'src', 'index.js');
  if (!fs.existsSync(distEntry)) {
    console.error(`${label}: ${path.relative(process.cwd(), distEntry)} does not exist; run \`npm run build\` first`);
    return 2;
  }
  const plugin = require(distEntry);
  const lint = makeFileLinter(parser, plugin, plugin.configs.all);
  const modes = options.mode === 'both' ? MODES : [options.mode];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-incidents-'));
  const results = [];
  const extractErrors = [];
  try {
    for (const incident of incidents) {
      const gitDir = gitDirs.get(incident.repository);
      if (!gitDir) continue;
      const files = {};
      try {
        for (const [side, commit, file] of [['parent', incident.parentCommit, incident.path], ['fixed', incident.fixCommit, incident.pathAfter]]) {
          const dir = path.join(tmp, incident.id, side);
          fs.mkdirSync(dir, { recursive: true });
          // The file sits in its package's tree (the nearest folder with a package.json), as in the
          // project: typed mode resolves the file's relative imports (a type alias declared next door).
          const pkg = packageDirOf(gitDir, commit, file);
          extractTree(gitDir, commit, pkg, dir);
          const target = path.join(dir, file);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, gitShow(gitDir, commit, file));
          files[side] = { file: target, tsconfig: writeTsconfig(dir, file) };
        }
      } catch (error) {
        const why = String(error.stderr || error.message).trim().split('\n')[0];
        extractErrors.push(`${incident.id}: ${why}`);
        continue;
      }
      const byMode = {};
      for (const mode of modes) {
        const typed = mode === 'typed';
        const parentResult = lint(files.parent.file, { typed, tsconfig: files.parent.tsconfig });
        const fixedResult = lint(files.fixed.file, { typed, tsconfig: files.fixed.tsconfig });
        byMode[mode] = score(incident, parentResult, fixedResult);
        if (options.verbose) {
          for (const [side, r] of [['parent', parentResult], ['fixed', fixedResult]]) {
            for (const m of r.messages) console.log(`  [${mode}] ${incident.id} ${side}:${m.line}:${m.column} ${m.ruleId} ${m.message.split('\n')[0].slice(0, 140)}`);
          }
        }
        if (typed) parser.clearCaches();
      }
      results.push({ incident, byMode });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  // Report.
  console.log(`${label}: ${results.length} incidents of ${setName} from ${repos.length - missingRepos.length} repositories; leakproof ${plugin.meta.version}, preset all; ESLint ${require('eslint/package.json').version}, @typescript-eslint/parser ${parser.version}, TypeScript ${require('typescript').version}`);
  console.log('columns per mode: leaky lines found by the expected rule / by any rule / leaky lines; reports on the fixed lines / reports in the fixed file');
  const idWidth = Math.max(8, ...results.map((r) => r.incident.id.length));
  const cell = (s) => (s ? `${String(s.foundRule).padStart(2)} ${String(s.foundAny).padStart(2)} /${String(s.leaky).padStart(2)}  ${String(s.onFixedLines).padStart(2)} /${String(s.fixedReports).padStart(2)}` : '');
  console.log(`${'incident'.padEnd(idWidth)}  ${'expected rule'.padEnd(24)}  ${modes.map((m) => m.padEnd(16)).join('  ')}`);
  for (const { incident, byMode } of results) {
    console.log(`${incident.id.padEnd(idWidth)}  ${incident.rule.padEnd(24)}  ${modes.map((m) => cell(byMode[m]).padEnd(16)).join('  ')}`);
  }
  const totals = {};
  for (const mode of modes) {
    const t = { leaky: 0, foundRule: 0, foundAny: 0, fixedReports: 0, onFixedLines: 0, crashes: 0, parseErrors: 0, incidentsFound: 0 };
    for (const { byMode } of results) {
      const s = byMode[mode];
      t.leaky += s.leaky;
      t.foundRule += s.foundRule;
      t.foundAny += s.foundAny;
      t.fixedReports += s.fixedReports;
      t.onFixedLines += s.onFixedLines;
      t.crashes += s.crashes;
      t.parseErrors += s.parseErrors.length;
      if (s.foundRule > 0) t.incidentsFound++;
    }
    totals[mode] = t;
  }
  console.log('');
  for (const mode of modes) {
    const t = totals[mode];
    console.log(
      `total ${mode.padEnd(7)}: recall at leaky lines ${t.foundRule}/${t.leaky} = ${pct(t.foundRule, t.leaky).trim()} (expected rule), ` +
        `${t.foundAny}/${t.leaky} = ${pct(t.foundAny, t.leaky).trim()} (any rule); incidents with a leak found by the expected rule ${t.incidentsFound}/${results.length}; ` +
        `reports on fixed lines ${t.onFixedLines} of ${t.fixedReports} in fixed files, precision there ${precision(t)}; rule crashes ${t.crashes}; files not parsed ${t.parseErrors}`,
    );
  }
  for (const mode of modes) {
    const missedIds = results.filter((r) => r.byMode[mode].foundAny < r.byMode[mode].leaky).map((r) => `${r.incident.id} (line ${r.byMode[mode].missed.join(', ')})`);
    console.log(`missed ${mode} (no report on a leaky line): ${missedIds.length === 0 ? 'none' : missedIds.join('; ')}`);
    const onFixed = results.filter((r) => r.byMode[mode].onFixedLines > 0).map((r) => `${r.incident.id} (${r.byMode[mode].onFixedLinesDetail.join(', ')})`);
    if (onFixed.length > 0) console.log(`reports on fixed lines ${mode}: ${onFixed.join('; ')}`);
    for (const r of results) {
      for (const c of r.byMode[mode].crashDetail) console.log(`crash ${mode}: ${r.incident.id}: ${c.rule}: ${c.message}`);
      for (const p of r.byMode[mode].parseErrors) console.log(`not parsed ${mode}: ${r.incident.id}: ${p}`);
    }
  }
  if (modes.length === 2) {
    // The issue's target: typed mode never reports less than untyped on the same code.
    const less = results
      .filter(({ byMode: { untyped: u, typed: t } }) => t.foundAny < u.foundAny || t.parentReports < u.parentReports)
      .map(({ incident, byMode: { untyped: u, typed: t } }) => `${incident.id} (leaky lines found ${t.foundAny} vs ${u.foundAny}, reports ${t.parentReports} vs ${u.parentReports})`);
    console.log(`typed reports less than untyped on: ${less.length === 0 ? 'none' : less.join('; ')}`);
  }
  for (const e of extractErrors) console.log(`not extracted: ${e}`);
  if (options.json) {
    fs.writeFileSync(options.json, JSON.stringify({ totals, incidents: results.map((r) => ({ id: r.incident.id, rule: r.incident.rule, ...r.byMode })) }, null, 2) + '\n');
  }
  return extractErrors.length > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main();

module.exports = { loadIncidents, findGitDir, score, parseArgs, SETS };
