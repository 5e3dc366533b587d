import { run } from '../core/process.js';

export interface SourceInfo {
  revision: string | null;
  /** ISO time of the revision's commit: identical inputs give identical image configs. */
  created: string;
  source: string | null;
}

/** OCI provenance for labels, from git when the directory is a repository. */
export async function sourceInfo(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<SourceInfo> {
  const git = async (...args: string[]) => {
    const r = await run('git', ['-C', dir, ...args]);
    return r.code === 0 ? r.stdout.trim() : null;
  };
  const revision = await git('rev-parse', 'HEAD');
  const epoch = env.SOURCE_DATE_EPOCH
    ? Number(env.SOURCE_DATE_EPOCH)
    : revision
      ? Number(await git('log', '-1', '--format=%ct'))
      : Number.NaN;
  const created = new Date(Number.isFinite(epoch) ? epoch * 1000 : Date.now()).toISOString();
  const source = (await git('config', '--get', 'remote.origin.url')) || null;
  return { revision, created, source };
}
