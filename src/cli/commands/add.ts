import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { stringify } from 'yaml';
import { addToSpec, observeForAdd, specText } from '../../check/add.js';
import { UserError } from '../../core/errors.js';
import { ADDABLE, type ResourceType } from '../../gossfile/index.js';
import { cwdOf, oneOf, parse } from '../args.js';
import { engineSession } from '../engine-context.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';
import { requireImage, specTarget } from '../spec-target.js';

export const addHelp = `slipway add TYPE NAME --stage STAGE [--spec FILE] [options]
slipway add TYPE NAME --image REF --spec FILE

Observes the real state of NAME in the stage's image and appends the assertion to its spec
(as goss add does), keeping the file's comments and order; an existing entry is replaced.
TYPE: ${ADDABLE.join(', ')}.

  --stage STAGE   the stage whose image is observed (and whose spec is written)
  --image REF     any local image instead (needs --spec)
  --spec FILE     the spec file to write (default: the config's pattern for the stage)
  --dry-run       print the assertion, write nothing
  -c, --config FILE / --cwd DIR / -f, --file DOCKERFILE`;

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
  const type = oneOf(typeArg, ADDABLE, 'file', 'TYPE') as ResourceType;
  const cwd = cwdOf(values);
  const { image, spec, stage } = specTarget(
    cwd,
    values,
    values.stage,
    'slipway add file /etc/passwd --stage release',
  );
  const ctx = await engineSession(io);
  await requireImage(ctx.docker, image, stage);
  const assertion = await observeForAdd(ctx.docker, ctx.helper, image, type, name, ctx.session);
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
