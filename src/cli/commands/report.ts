import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, relative, resolve } from 'node:path';
import { releaseStage } from '../../ci/release.js';
import { ROLES, type Role } from '../../config/config.js';
import { loadConfig } from '../../config/load.js';
import { UserError } from '../../core/errors.js';
import type { DockerfileModel } from '../../dockerfile/stage.js';
import { benchNaive, recordsFor } from '../../history/carried.js';
import { openProject } from '../../project/project.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/run/index.js';
import { cwdOf, keyValues, oneOf, parse } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { type Io, printDiagnostics } from '../io.js';
import { renderReport } from '../render-report.js';
import { staleness } from '../staleness.js';

export const reportHelp = `slipway report [--format html|markdown|json] [--out FILE] [--records PATH] [options]

The report of the last recorded pipeline run: the stage graph coloured by outcome, each stage's
action and reasons, build time, image size and its change since the previous recorded run, the
layers (largest marked), the failing assertions, and the release against its base and budgets.
Nothing is re-run; it says when the record is older than the working tree.

  --format F        html (one self-contained page), markdown (a pull-request comment or CI job
                    summary, within GitHub's 65,536 characters), json (the data behind both);
                    default: from --out's extension, else markdown
  --out FILE        write the report to FILE instead of stdout
  --records PATH    the records a CI run carried: a directory of per-job records
                    (.slipway/records) merged into one run, or one run.json;
                    default: the history in .slipway/runs
  --build-arg K=V   for ARG substitution in FROM: the graph's edges (repeatable)
  -f, --file FILE / -c, --config FILE / --cwd DIR`;

const BY_EXTENSION: Record<string, ReportFormat> = {
  '.html': 'html',
  '.htm': 'html',
  '.md': 'markdown',
  '.json': 'json',
};

export async function reportCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string' },
    records: { type: 'string' },
    'build-arg': { type: 'string', multiple: true },
  });
  if (values.help) {
    io.out(reportHelp);
    return EXIT.ok;
  }
  if (positionals.length) throw new UserError(`slipway report takes no arguments; got '${positionals[0]}'`);
  const cwd = cwdOf(values);
  const formats = Object.keys(REPORT_FORMATS) as ReportFormat[];
  const fallback = (values.out && BY_EXTENSION[extname(values.out).toLowerCase()]) || 'markdown';
  const format = oneOf(values.format, formats, fallback, '--format');
  const records = recordsFor(cwd, values.records ? resolve(cwd, values.records) : undefined);
  // The release's yardstick: a naive single-stage image, when the bench measured one here.
  const naive = benchNaive(cwd);
  if (naive && !records.some((r) => r.naive) && records[0]) records[0] = { ...records[0], naive };

  // The model gives the graph its edges; a report of a broken Dockerfile still shows what was recorded.
  let model: DockerfileModel | null = null;
  let roles: Record<Role, string> = Object.fromEntries(ROLES.map((r) => [r, r])) as Record<Role, string>;
  const files: string[] = [];
  try {
    const project = openProject(cwd, {
      ...(values.config ? { configFile: values.config } : {}),
      ...(values.file ? { dockerfile: values.file } : {}),
      buildArgs: keyValues(values['build-arg'], '--build-arg'),
    });
    model = project.model;
    // The release is the stage CI publishes as the release (releaseStage), not only one named `release`.
    roles = {
      ...project.config.roles,
      release: releaseStage(project.config, model) ?? project.config.roles.release,
    };
    files.push(project.config.dockerfile, ...(project.config.file ? [project.config.file] : []));
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    printDiagnostics(io, e.diagnostics);
    io.err(`slipway: warning: ${e.message}; the report shows the records without the graph's edges`);
    try {
      roles = loadConfig(cwd, values.config).roles;
    } catch {
      /* the default roles */
    }
  }
  const latest = records[0] as NonNullable<(typeof records)[0]>;
  const stale = await staleness(cwd, latest, files);
  const { text } = await renderReport(records, model, {
    format,
    roles: { base: roles.base, release: roles.release },
    stale,
    generatedAt: new Date().toISOString(),
  });
  if (stale.stale) io.err(`slipway: note: the record is older than the working tree: ${stale.text}`);
  if (values.out) {
    const file = resolve(cwd, values.out);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    io.err(`slipway: wrote the ${format} report of run ${latest.id} to ${relative(cwd, file) || file}`);
  } else io.out(text.endsWith('\n') ? text.slice(0, -1) : text);
  return EXIT.ok;
}
