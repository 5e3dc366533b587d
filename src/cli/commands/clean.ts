import { HELPER_LABEL, helperRepo } from '../../check/helper-image.js';
import { errorMessage } from '../../core/errors.js';
import { sweepAll } from '../../engine/session.js';
import { openProject } from '../../project/project.js';
import { cwdOf, parse } from '../args.js';
import { imageRemovals, type OwnNames } from '../clean-images.js';
import { engineSession } from '../engine-context.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';

export const cleanHelp = `slipway clean [--images] [--dev] [options]

Removes what slipway left in the engine: every short-lived container, network and volume it
labels (test targets, helpers, readers, smoke containers and their volumes) of every run but
those still running on this host; other hosts' too. (Every engine command already removes the
leftovers of runs whose process is gone on this host.)

  --images    also the images slipway built, by the names it gave them: this repository's stage
              images (<image>:<stage>) and the namespace helper image (slipway-helper:*). Other names
              stay, and an image stays while one refers to it (a tag you gave, busybox:1.37.0-musl the
              helper was pulled as, base images slipway made such as node:24-bookworm-slim)
  --dev       also what is kept on purpose: dev containers and their volumes
  -c, --config FILE / --cwd DIR / -f, --file DOCKERFILE`;

export async function cleanCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { images: { type: 'boolean' }, dev: { type: 'boolean' } });
  if (values.help) {
    io.out(cleanHelp);
    return EXIT.ok;
  }
  const ctx = await engineSession(io);
  const removed = await sweepAll(ctx.docker, { keep: Boolean(values.dev), except: ctx.session });
  io.out(`removed ${removed} container(s), network(s) and volume(s)`);
  if (!values.images) return EXIT.ok;
  let project: OwnNames['project'] = null;
  try {
    const p = openProject(cwdOf(values), {
      ...(values.config ? { configFile: values.config } : {}),
      ...(values.file ? { dockerfile: values.file } : {}),
    });
    project = { image: p.config.image, stages: p.model.stages.map((s) => s.key) };
  } catch {
    /* not a repository slipway can open: only the helper images */
  }
  const removals = imageRemovals(await ctx.docker.listImages(), {
    helperRepo: helperRepo(),
    helperLabel: HELPER_LABEL,
    project,
  });
  let gone = 0;
  for (const r of removals) {
    try {
      // Never forced: a tag of an image with other names only untags it; an image a container uses stays.
      await ctx.docker.getImage(r.ref).remove();
      gone++;
    } catch (e) {
      io.err(`slipway: could not remove image ${r.ref}: ${errorMessage(e)}`);
    }
  }
  io.out(`removed ${gone} image name(s) slipway gave`);
  return EXIT.ok;
}
