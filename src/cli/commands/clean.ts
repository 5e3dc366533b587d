import { HELPER_LABEL, helperRepo } from '../../check/helper-image.js';
import { errorMessage } from '../../core/errors.js';
import { sweepAll } from '../../engine/session.js';
import { openProject } from '../../project/project.js';
import { cwdOf, parse } from '../args.js';
import { engineSession } from '../engine-context.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';

export const cleanHelp = `slipway clean [--images] [--dev] [options]

Removes what slipway left in the engine: every short-lived container, network and volume it
labels (test targets, helpers, readers, smoke containers and their volumes) of any run, live
or not. (Every engine command already removes the leftovers of runs whose process is gone.)

  --images    also the images slipway built: this repository's stage images (<image>:<stage>)
              and the namespace helper image (base images it made, e.g. node:24-bookworm-slim, stay)
  --dev       also what is kept on purpose: dev containers and their volumes
  -c, --config FILE / --cwd DIR`;

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
  let project: string | null = null;
  try {
    project = openProject(cwdOf(values), values.config ? { configFile: values.config } : {}).config.image;
  } catch {
    /* not a repository slipway can open: only the helper images */
  }
  const images = await ctx.docker.listImages();
  const ours = images.filter((i) => {
    const l = i.Labels ?? {};
    const tags = i.RepoTags ?? [];
    if (l[HELPER_LABEL] || tags.some((t) => t.startsWith(`${helperRepo()}:`))) return true;
    return (
      project !== null &&
      l['dev.slipway.stage'] !== undefined &&
      tags.some((t) => t.startsWith(`${project}:`))
    );
  });
  let gone = 0;
  for (const i of ours) {
    try {
      // Each tag of it, so an image that also carries a name slipway did not give it keeps that name.
      for (const t of (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'))
        await ctx.docker.getImage(t).remove();
      gone++;
    } catch (e) {
      io.err(`slipway: could not remove image ${(i.RepoTags ?? [i.Id])[0]}: ${errorMessage(e)}`);
    }
  }
  io.out(`removed ${gone} image(s)`);
  return EXIT.ok;
}
