import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CI_PATHS } from '../../ci/contract.js';
import { releaseStage } from '../../ci/release.js';
import { EnvironmentError, UserError } from '../../core/errors.js';
import { externalImages } from '../../dockerfile/graph.js';
import { imageIdentity } from '../../engine/images.js';
import { projectFingerprints } from '../../plan/on-disk.js';
import { selectStages } from '../../project/project.js';
import { ciContext } from '../../ship/ci-context.js';
import { publish } from '../../ship/publish.js';
import { cwdOf, parse } from '../args.js';
import { engineContext } from '../engine-context.js';
import { EXIT } from '../exit-codes.js';
import { type Io, printDiagnostics } from '../io.js';
import { BUILD_ARG, ciProject, providerOf, registryOf } from './ci-run.js';

export const publishHelp = `slipway publish [STAGE] [--registry R] [--tag T]... [options]

Publishes a stage's image (default: the release stage) with the release tags: the commit SHA, the
branch, and for a version tag vX.Y.Z also X.Y and latest (another stage: the same tags prefixed
STAGE-), immutable tags first, moving ones last; prints name@sha256:…. Refuses an image whose spec
has not passed: in CI its job's record (--records) or its STAGE-fp-<fingerprint> tag in the registry
says it passed; on a developer's machine this checkout's history must hold a pass for the local image.

  --registry R     where to publish (default: SLIPWAY_REGISTRY, ci.registry, ghcr.io/<repository>)
  --from R         where the stage images are, when not in R
  --records DIR    the CI run's per-job records (merged into .slipway/run.json)
  --tag T          another tag (repeatable; moving, pushed last)
  --provider P     github or circleci (where the commit, branch and tag are read from)
  --build-arg K=V  build argument (repeatable; adds to slipway.yaml buildArgs)
  -c, --config FILE / -f, --file FILE / --cwd DIR   (paths relative to --cwd)`;

export async function publishCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    provider: { type: 'string' },
    registry: { type: 'string' },
    from: { type: 'string' },
    records: { type: 'string' },
    tag: { type: 'string', multiple: true },
    ...BUILD_ARG,
  });
  if (values.help) {
    io.out(publishHelp);
    return EXIT.ok;
  }
  const provider = providerOf(values.provider);
  const p = ciProject(values);
  printDiagnostics(io, p.warnings);
  // Default: the release stage (as the generated CI publishes), which gets the plain release tags.
  const fallback = releaseStage(p.config, p.model);
  if (!positionals.length && !fallback) throw new UserError('the Dockerfile has no named stage to publish');
  const stage = selectStages(p.model, positionals.length ? positionals : [fallback as string])[0]
    ?.key as string;
  const registry = registryOf(p, provider, values.registry || process.env.SLIPWAY_REGISTRY);
  if (process.env.SLIPWAY_PUSH?.trim().toLowerCase() === 'false')
    throw new EnvironmentError(
      `this run may not push to ${registry} (SLIPWAY_PUSH=false)`,
      'publish from a run whose token may write (not a fork’s pull request)',
    );
  const ctx = await engineContext(io);
  const result = await publish(
    p,
    ctx.docker,
    { bin: ctx.client.bin, env: ctx.client.env },
    {
      stage,
      registry,
      ...(values.from ? { from: values.from.toLowerCase() } : {}),
      ...(values.records ? { records: resolve(cwdOf(values), values.records) } : {}),
      fingerprint: async () => {
        const ids: Record<string, string> = {};
        for (const ref of externalImages(p.model, [stage])) {
          const id = await imageIdentity(ctx.docker, ref).catch(() => null);
          if (id) ids[ref] = id;
        }
        return (await projectFingerprints(p, ids)).get(stage)?.fingerprint ?? null;
      },
      extraTags: values.tag ?? [],
      ci: await ciContext(provider, process.env, p.config.root),
      onNote: (m) => io.err(`slipway: ${m}`),
    },
  );
  if (result.merged) {
    const file = resolve(cwdOf(values), CI_PATHS.run);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(result.merged, null, 2)}\n`);
    io.err(`slipway: the run's record: ${file}`);
  }
  io.err(`slipway: published ${stage} as ${result.tags.join(', ')}`);
  io.out(result.ref);
  return EXIT.ok;
}
