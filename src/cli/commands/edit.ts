import { spawn } from 'node:child_process';
import { relative } from 'node:path';
import { editSession } from '../../check/edit.js';
import { UserError } from '../../core/errors.js';
import { cwdOf, parse } from '../args.js';
import { engineContext } from '../engine-context.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';
import { requireImage, specTarget } from '../spec-target.js';

export const editHelp = `slipway edit STAGE [--spec FILE] [options]
slipway edit --image REF --spec FILE

An interactive shell in the stage's running container (as dgoss edit). Inside, run
  slipway add TYPE NAME        (file, user, group, package, command, process, port, http)
to record an assertion; when the shell exits, each is observed in the container as it is then
and written to the stage's spec, keeping the file's comments. The container is removed.

  --shell CMD     the shell to start (default /bin/sh)
  -c, --config FILE / --cwd DIR / -f, --file DOCKERFILE`;

export async function editCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    image: { type: 'string' },
    spec: { type: 'string' },
    shell: { type: 'string' },
  });
  if (values.help) {
    io.out(editHelp);
    return EXIT.ok;
  }
  const cwd = cwdOf(values);
  if (!values.image && positionals.length !== 1)
    throw new UserError('expected one STAGE', { hint: 'slipway edit release' });
  const { image, spec } = specTarget(cwd, values, positionals[0], 'slipway edit release');
  const ctx = await engineContext(io);
  await requireImage(ctx.docker, image, positionals[0] ?? null);
  const tty = Boolean(process.stdin.isTTY);
  io.err(
    `slipway: a shell in ${image}; 'slipway add TYPE NAME' records an assertion, exit to write them to ${relative(cwd, spec) || spec}`,
  );
  const result = await editSession(ctx.docker, ctx.helper, image, spec, {
    session: ctx.session,
    shell: (id, env) =>
      new Promise((done) => {
        const args = [
          'exec',
          '-i',
          ...(tty ? ['-t'] : []),
          ...env.flatMap((e) => ['-e', e]),
          id,
          values.shell ?? '/bin/sh',
        ];
        const child = spawn(ctx.client.bin, args, { stdio: 'inherit' });
        child.on('close', (code) => done(code ?? 0));
      }),
  });
  for (const p of result.problems) io.err(`slipway: ${p}`);
  io.out(
    result.added.length
      ? `added to ${relative(cwd, spec) || spec}: ${result.added.map((a) => `${a.type} ${a.name}`).join(', ')}`
      : 'nothing recorded; the spec is unchanged',
  );
  return result.problems.length ? EXIT.failed : EXIT.ok;
}
