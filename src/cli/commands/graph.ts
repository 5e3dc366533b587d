import { resolve } from 'node:path';
import { UserError } from '../../core/errors.js';
import { buildOrder } from '../../dockerfile/graph.js';
import { recordsFor } from '../../history/carried.js';
import { readContextInputs } from '../../project/inputs.js';
import { openProject, selectStages } from '../../project/project.js';
import { GRAPH_FORMATS, type GraphFormat } from '../../report/graph/index.js';
import { statusOverlay } from '../../report/graph/status-overlay.js';
import { cwdOf, keyValues, oneOf, parse } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { type Io, printDiagnostics } from '../io.js';

export const graphHelp = `slipway graph [--format ascii|mermaid|dot|json] [--target STAGE] [--status] [options]

Draws the Dockerfile as a graph of stages: what each is built FROM, what it copies from
other stages (COPY --from, RUN --mount from), its external images, inputs and deps.

  --format F        ascii (default on a terminal), mermaid, dot, json (default otherwise)
  --target STAGE    only what STAGE needs, in the order BuildKit builds it
  --status          each stage's last recorded outcome (skipped, cached, built, tested, failed)
                    and size, from the history in .slipway/runs (or --records PATH)
  --records PATH    with --status: the records a CI run carried (a directory or a run.json)
  --build-arg K=V   for ARG substitution in FROM (repeatable)
  -f, --file FILE / -c, --config FILE / --cwd DIR`;

export async function graphCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    target: { type: 'string' },
    'build-arg': { type: 'string', multiple: true },
    status: { type: 'boolean' },
    records: { type: 'string' },
  });
  if (values.help) {
    io.out(graphHelp);
    return EXIT.ok;
  }
  const formats = Object.keys(GRAPH_FORMATS) as GraphFormat[];
  const format = oneOf(values.format, formats, io.isTTY ? 'ascii' : 'json', '--format');
  const project = openProject(cwdOf(values), {
    ...(values.config ? { configFile: values.config } : {}),
    ...(values.file ? { dockerfile: values.file } : {}),
    buildArgs: keyValues(values['build-arg'], '--build-arg'),
  });
  printDiagnostics(io, project.warnings);
  const target = values.target ?? positionals[0] ?? null;
  const stages = target
    ? buildOrder(
        project.model,
        selectStages(project.model, [target]).map((s) => s.key),
      )
    : project.model.stages.map((s) => s.key);
  if (values.records && !values.status) throw new UserError('--records goes with --status');
  const cwd = cwdOf(values);
  const status = values.status
    ? statusOverlay(recordsFor(cwd, values.records ? resolve(cwd, values.records) : undefined))
    : null;
  const files = readContextInputs(project);
  const inputFiles = new Map([...files].map(([k, v]) => [k, v.length]));
  io.out(
    GRAPH_FORMATS[format]({
      model: project.model,
      stages,
      target: target?.toLowerCase() ?? null,
      inputFiles,
      status,
    }),
  );
  return EXIT.ok;
}
