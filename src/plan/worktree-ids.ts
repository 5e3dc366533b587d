/**
 * Content ids of the build context as it is on disk — what BuildKit would send, git-ignored files included —
 * for fingerprints of the working tree. Ids are git blob ids: the index's for tracked files git sees as
 * unmodified, computed from the bytes for the others (so the same content always has the same id).
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { IgnoreRules } from '../context/dockerignore.js';
import { contextTree } from '../context/walk.js';
import type { FileId } from './fingerprint.js';
import type { Git } from './git.js';

export async function worktreeFileIds(
  git: Git,
  context: string,
  ignore: IgnoreRules,
): Promise<{ files: string[]; fileId: (path: string) => FileId; symlinks: Map<string, string> }> {
  const disk = diskFileIds(context ? join(git.root, context) : git.root, ignore);
  const index = new Map<string, FileId>();
  for (const e of await git.worktree()) if (e.oid) index.set(e.path, { id: e.oid, mode: e.mode });
  const prefix = context ? `${context}/` : '';
  return { ...disk, fileId: (path) => index.get(prefix + path) ?? disk.fileId(path) };
}

/** The same ids from the bytes alone (a directory that is not a git repository). */
export function diskFileIds(
  dir: string,
  ignore: IgnoreRules,
): { files: string[]; fileId: (path: string) => FileId; symlinks: Map<string, string> } {
  const tree = contextTree(dir, ignore);
  const fileId = (path: string): FileId => {
    const abs = join(dir, path);
    try {
      const st = lstatSync(abs);
      if (st.isSymbolicLink()) return { id: blobId(Buffer.from(readlinkSync(abs))), mode: '120000' };
      return { id: blobId(readFileSync(abs)), mode: st.mode & 0o111 ? '100755' : '100644' };
    } catch {
      return { id: 'missing', mode: '000000' };
    }
  };
  return { files: tree.files, fileId, symlinks: tree.symlinks };
}

/** git's blob id of some bytes (`git hash-object`). */
export const blobId = (data: Buffer): string =>
  createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');
