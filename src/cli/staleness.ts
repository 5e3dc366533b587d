import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { run } from '../core/process.js';
import type { RunRecord } from '../history/record.js';

const short = (rev: string) => rev.slice(0, 12);

/**
 * Whether the record is older than the working tree: another commit checked out, or files changed after
 * the run ended (uncommitted changes, by git; without git, the Dockerfile and config by mtime).
 */
export async function staleness(
  root: string,
  record: RunRecord,
  files: readonly string[],
): Promise<{ stale: boolean; text: string }> {
  const git = async (...args: string[]) => {
    const r = await run('git', ['-C', root, ...args]).catch(() => null);
    return r && r.code === 0 ? r.stdout : null;
  };
  const ended = Date.parse(record.startedAt) + record.durationMs;
  const head = (await git('rev-parse', 'HEAD'))?.trim() ?? null;
  if (head && record.source.revision && head !== record.source.revision)
    return {
      stale: true,
      text: `the record is of commit ${short(record.source.revision)}; the working tree is at ${short(head)}`,
    };
  const porcelain = head ? await git('status', '--porcelain', '--untracked-files=no') : null;
  const candidates =
    porcelain !== null
      ? porcelain
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => resolve(root, l.slice(3).split(' -> ').pop() as string))
      : files.map((f) => resolve(root, f));
  const changed = candidates.filter((f) => {
    try {
      return statSync(f).mtimeMs > ended;
    } catch {
      return false;
    }
  });
  if (changed.length) {
    const names = changed.map((f) => relative(root, f));
    return {
      stale: true,
      text: `changed since the run ended: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`,
    };
  }
  return { stale: false, text: 'the record is of the working tree as it is' };
}
