import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { stageTag } from '../../build/run.js';
import { ADDABLE, type AddableType, addToSpec, observeForAdd, specText } from '../../check/add.js';
import { UserError } from '../../core/errors.js';
import { openProject, selectStages } from '../../project/project.js';
import { cwdOf, oneOf, parse } from '../args.js';
import { engineContext } from '../engine-context.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';

export const addHelp = `slipway add TYPE NAME --stage STAGE [--spec FILE] [options]
slipway add TYPE NAME --image REF --spec FILE

Observes the real state of NAME in the stage's image and appends the assertion to its spec
(as goss add does), keeping the file's comments and order; an existing entry is replaced.
TYPE: ${ADDABLE.join(', ')}.

  --stage STAGE   the stage whose image is observed (and whose spec is written)
  --image REF     any local image instead (needs --spec)
  --spec FILE     the spec file to write (default: the config's pattern for the stage)
  --dry-run       print the assertion, write nothing
  -c, --config FILE / --cwd DIR`;

export async function addCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    stage: { type: 'string' },
    image: { type: 'string' },
    spec: { type: 'string' },
    'dry-run': { type: 'boolean' },
  });
  if (values.help) {
    io.out(addHelp);
    return EXIT.ok;
  }
  const [typeArg, name] = positionals;
  if (!typeArg || !name || positionals.length > 2)
    throw new UserError('expected TYPE and NAME', { hint: 'slipway add file /etc/passwd --stage release' });
  const type = oneOf(typeArg, ADDABLE, 'file', 'TYPE') as AddableType;
  const cwd = cwdOf(values);
  let image: string;
  let spec: string;
  if (values.image) {
    if (!values.spec) throw new UserError('--image needs --spec FILE');
    image = values.image;
    spec = resolve(cwd, values.spec);
  } else {
    if (!values.stage) throw new UserError('give --stage STAGE (or --image REF --spec FILE)');
    const project = openProject(cwd, values.config ? { configFile: values.config } : {});
    const stage = selectStages(project.model, [values.stage])[0]?.key as string;
    image = stageTag(project, stage);
    spec = values.spec
      ? resolve(cwd, values.spec)
      : resolve(project.config.root, project.config.specs.replace('{stage}', stage));
  }
  const ctx = await engineContext(io);
  try {
    await ctx.docker.getImage(image).inspect();
  } catch {
    throw new UserError(`image ${image} is not built`, {
      hint: values.stage ? `slipway build ${values.stage}` : 'build or load it first',
    });
  }
  const assertion = await observeForAdd(ctx.docker, ctx.client, image, type, name, ctx.session);
  const snippet = stringify({ [type]: { [name]: assertion } }, { lineWidth: 0 });
  if (values['dry-run']) {
    io.out(snippet);
    return EXIT.ok;
  }
  writeFileSync(spec, addToSpec(specText(spec), spec, type, name, assertion));
  io.err(`slipway: added ${type} '${name}' to ${relative(cwd, spec) || spec}`);
  io.out(snippet);
  return EXIT.ok;
}
