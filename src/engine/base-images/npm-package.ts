import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '../../core/errors.js';
import { run } from '../../core/process.js';

export interface PackedPackage {
  name: string;
  version: string;
  integrity: string;
  file: string;
}

/** Fetches a package tarball from the npm registry with `npm pack` (npm's own cache, proxy and CA settings apply). */
export async function packNpmPackage(spec: string, dir: string): Promise<PackedPackage> {
  mkdirSync(dir, { recursive: true });
  const r = await run('npm', ['pack', spec, '--json', '--pack-destination', dir], { cwd: dir });
  if (r.code !== 0) {
    throw new EnvironmentError(
      `could not fetch the npm package ${spec}: ${lastLine(r.stderr)}`,
      'check that the npm registry is reachable (npm ping)',
    );
  }
  const [info] = JSON.parse(r.stdout) as {
    name: string;
    version: string;
    integrity: string;
    filename: string;
  }[];
  if (!info) throw new EnvironmentError(`npm pack ${spec} reported nothing`);
  return {
    name: info.name,
    version: info.version,
    integrity: info.integrity,
    file: join(dir, info.filename),
  };
}

const lastLine = (s: string) =>
  s
    .trim()
    .split('\n')
    .filter((l) => !/^npm (notice|warn)/.test(l))
    .pop() ?? s.trim();
