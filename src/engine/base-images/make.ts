import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { EnvironmentError } from '../../core/errors.js';
import { run } from '../../core/process.js';
import { type PackedPackage, packNpmPackage } from './npm-package.js';
import { type Recipe, SLIM_DPKG_OPTS } from './recipes.js';

export interface MakeOptions {
  dockerBin: string;
  onProgress: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** The architecture to make it for (default: the host's, which is what mmdebstrap makes). */
  arch?: string;
}

/** Bump when the recipe's output changes for the same inputs. */
const RECIPE_VERSION = 1;

export const cacheDir = (env: NodeJS.ProcessEnv = process.env) =>
  join(env.XDG_CACHE_HOME ?? join(env.HOME ?? homedir(), '.cache'), 'slipway');

/**
 * Makes `recipe.tag` from Debian packages (mmdebstrap) and npm packages, then `docker import`s it.
 * Reproducible: a fixed SOURCE_DATE_EPOCH, sorted tar output, pinned package versions recorded in a label.
 */
export async function makeBaseImage(recipe: Recipe, opts: MakeOptions): Promise<{ inputs: string }> {
  const env = opts.env ?? process.env;
  const mirror = env.SLIPWAY_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
  const security = env.SLIPWAY_DEBIAN_SECURITY_MIRROR ?? 'http://deb.debian.org/debian-security';
  const epoch = env.SOURCE_DATE_EPOCH ?? '1704067200';
  const dir = join(cacheDir(env), 'base-images');
  mkdirSync(dir, { recursive: true });

  await ensureMmdebstrap(opts.onProgress);

  let node: PackedPackage | null = null;
  let npm: PackedPackage | null = null;
  if (recipe.nodeMajor !== null) {
    // mmdebstrap makes a root file system of the host's architecture: node must be of the same one.
    const pkg = `${nodePackage(opts.arch ?? process.arch)}@${recipe.nodeMajor}`;
    opts.onProgress(`fetching ${pkg} and npm from the npm registry`);
    node = await packNpmPackage(pkg, join(dir, 'packages'));
    npm = await packNpmPackage('npm@latest', join(dir, 'packages'));
    opts.onProgress(`node ${node.version}, npm ${npm.version}`);
  }
  const inputs = createHash('sha256')
    .update(
      JSON.stringify({
        RECIPE_VERSION,
        recipe,
        mirror,
        security,
        epoch,
        node: node?.integrity,
        npm: npm?.integrity,
      }),
    )
    .digest('hex')
    .slice(0, 16);

  const tar = join(dir, `${inputs}.tar`);
  const hooks: string[] = [];
  if (node && npm) {
    const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
    hooks.push(
      [
        'set -e',
        'mkdir -p "$1/usr/local/lib/node_modules/npm"',
        `tar -xzf ${q(node.file)} -C "$1/usr/local" --strip-components=1 --no-same-owner package/bin package/include`,
        `tar -xzf ${q(npm.file)} -C "$1/usr/local/lib/node_modules/npm" --strip-components=1 --no-same-owner`,
        'ln -s ../lib/node_modules/npm/bin/npm-cli.js "$1/usr/local/bin/npm"',
        'ln -s ../lib/node_modules/npm/bin/npx-cli.js "$1/usr/local/bin/npx"',
        'chown -R 0:0 "$1/usr/local"',
      ].join(' && '),
    );
  }
  const args = [
    '--variant=minbase',
    '--format=tar',
    ...(recipe.slim ? SLIM_DPKG_OPTS.map((o) => `--dpkgopt=${o}`) : []),
    ...hooks.map((h) => `--customize-hook=${h}`),
    recipe.suite,
    tar,
    `deb ${mirror} ${recipe.suite} main`,
    `deb ${mirror} ${recipe.suite}-updates main`,
    `deb ${security} ${recipe.suite}-security main`,
  ];
  opts.onProgress(
    `debootstrapping Debian ${recipe.suite} (minbase${recipe.slim ? ', slim' : ''}) with mmdebstrap — about a minute`,
  );
  const started = Date.now();
  let lastNote = 0;
  const r = await run('mmdebstrap', args, {
    env: { ...env, SOURCE_DATE_EPOCH: epoch },
    onOutput: (chunk) => {
      // mmdebstrap is chatty; show a line every few seconds so the user sees it move.
      const line = chunk.trim().split('\n').pop() ?? '';
      if (line && Date.now() - lastNote > 5000) {
        lastNote = Date.now();
        opts.onProgress(`  ${Math.round((Date.now() - started) / 1000)}s ${line.slice(0, 100)}`);
      }
    },
  });
  if (r.code !== 0) {
    rmSync(tar, { force: true });
    throw new EnvironmentError(
      `mmdebstrap failed for ${recipe.tag}:\n${r.stderr.trim().split('\n').slice(-15).join('\n')}`,
      `check that ${mirror} is reachable, or set SLIPWAY_DEBIAN_MIRROR`,
    );
  }

  const changes = [
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ...(node
      ? [`ENV NODE_VERSION=${node.version}`, 'ENV npm_config_nodedir=/usr/local', 'CMD ["node"]']
      : ['CMD ["bash"]']),
    `LABEL dev.slipway.base-image.inputs=${inputs} dev.slipway.base-image.recipe=${recipe.tag}${node ? ` dev.slipway.base-image.node=${node.version} dev.slipway.base-image.npm=${npm?.version}` : ''}`,
  ];
  opts.onProgress(`importing as ${recipe.tag}`);
  const imp = await run(opts.dockerBin, [
    'import',
    ...changes.flatMap((c) => ['--change', c]),
    tar,
    recipe.tag,
  ]);
  rmSync(tar, { force: true });
  if (imp.code !== 0)
    throw new EnvironmentError(`docker import of ${recipe.tag} failed: ${imp.stderr.trim()}`);
  return { inputs };
}

async function ensureMmdebstrap(onProgress: (l: string) => void): Promise<void> {
  if ((await run('mmdebstrap', ['--version'])).code === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || (await run('apt-get', ['--version'])).code !== 0) {
    throw new EnvironmentError(
      'mmdebstrap is needed to make base images locally and is not installed',
      'install it (apt-get install mmdebstrap), or load the base images with docker load',
    );
  }
  onProgress('installing mmdebstrap (apt-get, one-time)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env });
  const r = await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'mmdebstrap'], { env });
  if (r.code !== 0)
    throw new EnvironmentError(`apt-get install mmdebstrap failed: ${r.stderr.trim().split('\n').pop()}`);
}

/** npm's Node.js binary package for a Linux architecture (`process.arch` names). */
export function nodePackage(arch: string): string {
  // The two npm publishes (checked: node-linux-ppc64le and node-linux-s390x do not exist).
  const known: Record<string, string> = { x64: 'x64', arm64: 'arm64' };
  const a = known[arch];
  if (!a)
    throw new EnvironmentError(
      `no Node.js package on npm for Linux on ${arch}: the local base-image recipe cannot make this image`,
      'load the base image into the engine yourself (docker load / docker pull from a registry you can reach)',
    );
  return `node-linux-${a}`;
}
