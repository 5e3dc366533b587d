import { runPipeline } from '../../pipeline/run.js';
import { openProject } from '../../project/project.js';
import { formatPipelineJson, formatPipelineText } from '../../report/pipeline.js';
import { cwdOf, keyValues, oneOf, parse } from '../args.js';
import { engineContext, progressPrinter } from '../engine-context.js';
import { EXIT } from '../exit-codes.js';
import { type Io, printDiagnostics } from '../io.js';

export const pipelineHelp = `slipway pipeline [options]

The whole pipeline of a repository: build every stage of its Dockerfile, then smoke-run the
stage named in slipway.yaml 'smoke' (its port published on 127.0.0.1 only) and play the
configured requests and restarts. Ends with a one-screen summary.

  --build-arg K=V       build argument (repeatable)
  --ca FILE             extra CA bundle for builds (BuildKit secret 'ca')
  --no-cache            do not use BuildKit's cache
  --format text|json    summary format (default text)
  --strict              container spec warnings are errors (see slipway test --strict)
  -c, --config FILE / -f, --file FILE / --cwd DIR / -q, --quiet   as for build`;

export async function pipelineCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    'build-arg': { type: 'string', multiple: true },
    ca: { type: 'string' },
    'no-cache': { type: 'boolean' },
    strict: { type: 'boolean' },
  });
  if (values.help) {
    io.out(pipelineHelp);
    return EXIT.ok;
  }
  const format = oneOf(values.format, ['text', 'json'] as const, 'text', '--format');
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
      strictSpecs: Boolean(values.strict),
    },
  );
  io.out(format === 'json' ? formatPipelineJson(report) : formatPipelineText(report));
  return report.ok ? EXIT.ok : EXIT.failed;
}
