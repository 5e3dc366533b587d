import { buildOrder } from '../../dockerfile/graph.js';
import { readContextInputs } from '../../project/inputs.js';
import { openProject, selectStages } from '../../project/project.js';
import { GRAPH_FORMATS, type GraphFormat } from '../../report/graph/index.js';
import { cwdOf, keyValues, oneOf, parse } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { type Io, printDiagnostics } from '../io.js';

export const graphHelp = `slipway graph [--format ascii|mermaid|dot|json] [--target STAGE] [options]

Draws the Dockerfile as a graph of stages: what each is built FROM, what it copies from
other stages (COPY --from, RUN --mount from), its external images, inputs and deps.

  --format F        ascii (default on a terminal), mermaid, dot, json (default otherwise)
  --target STAGE    only what STAGE needs, in the order BuildKit builds it
  --build-arg K=V   for ARG substitution in FROM (repeatable)
  -f, --file FILE / -c, --config FILE / --cwd DIR`;

export async function graphCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    target: { type: 'string' },
    'build-arg': { type: 'string', multiple: true },
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
  const files = readContextInputs(project);
  const inputFiles = new Map([...files].map(([k, v]) => [k, v.length]));
  io.out(
    GRAPH_FORMATS[format]({
      model: project.model,
      stages,
      target: target?.toLowerCase() ?? null,
      inputFiles,
    }),
  );
  return EXIT.ok;
}
