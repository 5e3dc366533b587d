import { UserError } from '../../core/errors.js';
import { runPipeline } from '../../pipeline/pipeline.js';
import { openProject } from '../../project/project.js';
import { summaryLine } from '../../report/check/index.js';
import { formatPipelineJson, formatPipelineText } from '../../report/pipeline.js';
import { cwdOf, keyValues, oneOf, parse } from '../args.js';
import { engineContext, progressPrinter } from '../engine-context.js';
import { EXIT } from '../exit-codes.js';
import { interruption } from '../interrupt.js';
import { type Io, printDiagnostics } from '../io.js';
import { writeJunitFiles } from '../junit.js';

export const pipelineHelp = `slipway pipeline [--base REF | --all | --force] [--keep-going] [options]

The main job, doing only what a change needs: each stage has a content fingerprint; a stage
whose fingerprint already has an image is not built again, a test already green for that image
and spec is not run again. The rest is built in dependency order (independent branches at once)
and tested as soon as it is built; then the stage named in slipway.yaml 'smoke' is run (port
published on 127.0.0.1 only) when it was built. One run record goes into .slipway/runs/.

  --base REF            give the git plan's reasons against REF (default: the working tree vs HEAD)
  --all                 no git plan: the fingerprints alone decide
  --force               rebuild and retest every stage, whatever is cached or green
  --keep-going          after a failure, finish the branches that do not depend on it
  --junit-dir DIR       one JUnit file per tested stage
  --build-arg K=V       build argument (repeatable)
  --ca FILE             extra CA bundle for builds (BuildKit secret 'ca')
  --no-cache            do not use BuildKit's cache
  --builder NAME        build with this buildx builder (a remote BuildKit, the Kubernetes driver)
  --format text|json    summary format (default text)
  --strict              container spec warnings are errors (see slipway test --strict)
  -c, --config FILE / -f, --file FILE / --cwd DIR / -q, --quiet   as for build`;

export async function pipelineCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    'build-arg': { type: 'string', multiple: true },
    ca: { type: 'string' },
    'no-cache': { type: 'boolean' },
    builder: { type: 'string' },
    strict: { type: 'boolean' },
    base: { type: 'string' },
    all: { type: 'boolean' },
    force: { type: 'boolean' },
    'keep-going': { type: 'boolean' },
    'junit-dir': { type: 'string' },
  });
  if (values.help) {
    io.out(pipelineHelp);
    return EXIT.ok;
  }
  const format = oneOf(values.format, ['text', 'json'] as const, 'text', '--format');
  if (values.base && values.all) throw new UserError('give --base REF or --all, not both');
  const project = openProject(cwdOf(values), {
    ...(values.config ? { configFile: values.config } : {}),
    ...(values.file ? { dockerfile: values.file } : {}),
    buildArgs: keyValues(values['build-arg'], '--build-arg'),
  });
  printDiagnostics(io, project.warnings);
  const ctx = await engineContext(io);
  const report = await runPipeline(
    project,
    { ...ctx, onEvent: progressPrinter(io, Boolean(values.quiet)) },
    {
      ca: values.ca ?? null,
      noCache: Boolean(values['no-cache']),
      ...(values.builder ? { builder: values.builder } : {}),
      strictSpecs: Boolean(values.strict),
      ...(values.base ? { base: values.base } : {}),
      all: Boolean(values.all),
      force: Boolean(values.force),
      keepGoing: Boolean(values['keep-going']),
      describe: summaryLine,
      stopped: () => interruption.signal !== null,
    },
  );
  // The summary first: a --junit-dir that cannot be written must not lose it.
  io.out(format === 'json' ? formatPipelineJson(report) : formatPipelineText(report));
  if (values['junit-dir']) writeJunitFiles(values['junit-dir'], report.tests);
  return report.ok ? EXIT.ok : EXIT.failed;
}
