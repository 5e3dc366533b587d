import { accessSync, constants, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { UserError } from '../core/errors.js';

export interface CaSource {
  file: string;
  /** Where it came from, for messages: `--ca`, `slipway.yaml ca`, `NODE_EXTRA_CA_CERTS`, `npm cafile (~/.npmrc)`. */
  from: string;
}

/**
 * The extra CA bundle builds should trust, in order: `--ca`, config `ca`, NODE_EXTRA_CA_CERTS,
 * npm's `cafile` (npm_config_cafile, then ~/.npmrc, then the global npmrc). It is handed to builds as the
 * BuildKit secret `ca` (mounted at /run/secrets/ca), never as a build arg or a copied file.
 */
export function resolveCa(opts: {
  flag?: string | null;
  config?: string | null;
  env?: NodeJS.ProcessEnv;
}): CaSource | null {
  const env = opts.env ?? process.env;
  const candidates: [string | null | undefined, string][] = [
    [opts.flag, '--ca'],
    [opts.config, 'slipway.yaml ca'],
    [env.NODE_EXTRA_CA_CERTS, 'NODE_EXTRA_CA_CERTS'],
    [env.npm_config_cafile ?? env.NPM_CONFIG_CAFILE, 'npm_config_cafile'],
    [npmrcCafile(join(env.HOME ?? homedir(), '.npmrc')), 'npm cafile (~/.npmrc)'],
    [
      npmrcCafile(join(env.PREFIX ?? dirname(dirname(process.execPath)), 'etc', 'npmrc')),
      'npm cafile (global npmrc)',
    ],
  ];
  for (const [file, from] of candidates) {
    if (!file) continue;
    try {
      accessSync(file, constants.R_OK);
    } catch {
      // An explicit choice that is unreadable is an error; a discovered one that is stale is skipped.
      if (from === '--ca' || from === 'slipway.yaml ca')
        throw new UserError(`${from}: cannot read CA file ${file}`);
      continue;
    }
    return { file, from };
  }
  return null;
}

function npmrcCafile(path: string): string | null {
  try {
    const m = /^\s*cafile\s*=\s*(.+?)\s*$/m.exec(readFileSync(path, 'utf8'));
    return m?.[1] ?? null;
  } catch {
    return null;
  }
}
