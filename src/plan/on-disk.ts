import { relative } from 'node:path';
import { loadIgnoreRules } from '../context/dockerignore.js';
import type { Project } from '../project/project.js';
import { type StageFingerprint, stageFingerprints } from './fingerprint.js';
import { Git } from './git.js';
import { diskFileIds, worktreeFileIds } from './worktree-ids.js';

/**
 * Each stage's content fingerprint over the build context as it is on disk (what BuildKit would send),
 * with the project's own build args (the command line's included). In a git repository the index's blob
 * ids stand in for unmodified files; elsewhere every input file is hashed (the same content, the same id).
 */
export async function projectFingerprints(
  p: Project,
  images: Readonly<Record<string, string>>,
): Promise<Map<string, StageFingerprint>> {
  const ignore = loadIgnoreRules(p.config.dockerfile, p.config.context);
  const git = await Git.open(p.config.context).catch(() => null);
  const disk = git
    ? await worktreeFileIds(git, relative(git.root, p.config.context), ignore)
    : diskFileIds(p.config.context, ignore);
  return stageFingerprints({
    model: p.model,
    text: p.text,
    buildArgs: p.config.buildArgs,
    ignore,
    files: disk.files,
    fileId: disk.fileId,
    symlinks: disk.symlinks,
    images,
  });
}
