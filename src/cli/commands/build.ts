import { UserError } from '../../core/errors.js';
import { openProject, selectStages } from '../../project/project.js';
import { formatBuildJson, formatBuildText } from '../../report/build.js';
import { buildStages } from '../../stages/build-stages.js';
import { cwdOf, keyValues, oneOf, parse } from '../args.js';
import { engineContext, progressPrinter } from '../engine-context.js';
import { EXIT } from '../exit-codes.js';
import { type Io, printDiagnostics } from '../io.js';

export const buildHelp = `slipway build [STAGE...] [--all] [options]

Builds the named stages (every stage with --all or when none is named) with BuildKit,
tagged <image>:<stage>, and prints per-stage duration and image size.

  --all                 build every stage of the Dockerfile
  --build-arg K=V       build argument (repeatable; adds to slipway.yaml buildArgs)
  --ca FILE             extra CA bundle for the build (BuildKit secret 'ca')
  --no-cache            do not use BuildKit's cache
  --builder NAME        build with this buildx builder (a remote BuildKit, the Kubernetes driver)
  --format text|json    summary format (default text)
  -f, --file FILE       Dockerfile (default from slipway.yaml, else ./Dockerfile or docker/Dockerfile)
  -c, --config FILE     config file (default ./slipway.yaml)
  --cwd DIR             repository root (default: current directory)
  -q, --quiet           hide BuildKit's step output`;

export async function buildCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    all: { type: 'boolean' },
    'build-arg': { type: 'string', multiple: true },
    ca: { type: 'string' },
    'no-cache': { type: 'boolean' },
    builder: { type: 'string' },
  });
  if (values.help) {
    io.out(buildHelp);
    return EXIT.ok;
  }
  const format = oneOf(values.format, ['text', 'json'] as const, 'text', '--format');
  if (values.all && positionals.length) throw new UserError('give stage names or --all, not both');
  const project = openProject(cwdOf(values), {
    ...(values.config ? { configFile: values.config } : {}),
    ...(values.file ? { dockerfile: values.file } : {}),
    buildArgs: keyValues(values['build-arg'], '--build-arg'),
  });
  printDiagnostics(io, project.warnings);
  const stages = selectStages(project.model, positionals).map((s) => s.key);
  const ctx = await engineContext(io);
  const report = await buildStages(
    project,
    stages,
    { ...ctx, onEvent: progressPrinter(io, Boolean(values.quiet)) },
    {
      ca: values.ca ?? null,
      noCache: Boolean(values['no-cache']),
      ...(values.builder ? { builder: values.builder } : {}),
    },
  );
  io.out(format === 'json' ? formatBuildJson(report) : formatBuildText(report));
  return report.ok ? EXIT.ok : EXIT.failed;
}
