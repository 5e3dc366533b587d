/**
 * One side of a comparison — a commit or the working tree — as a list of files and a way to read them.
 * Paths are relative to the repository root. Reading a commit goes through one `git cat-file --batch` per
 * call; reading the working tree reads the disk.
 */
import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { cleanPath, compilePattern, hasMeta } from '../core/filepath-match.js';
import type { Git, TreeEntry } from './git.js';

export interface Revision {
  /** A commit id, or null for the working tree. */
  commit: string | null;
  /** For messages: `the base revision 1a2b3c4`, `the working tree`. */
  label: string;
  entries: readonly TreeEntry[];
  has(path: string): boolean;
  isDir(path: string): boolean;
  /** Texts of files (null when absent or unreadable); each path is read once. */
  read(paths: readonly string[]): Promise<Map<string, string | null>>;
  /** Targets of symbolic links. */
  readLinks(paths: readonly string[]): Promise<Map<string, string>>;
  /** Go's filepath.Glob over this revision's files (repository-relative pattern). */
  glob(pattern: string): string[];
}

export async function commitRevision(git: Git, commit: string, label: string): Promise<Revision> {
  const entries = await git.tree(commit);
  const read = async (paths: readonly string[]) => {
    const blobs = await git.read(paths.map((p) => `${commit}:${p}`));
    return new Map(paths.map((p) => [p, blobs.get(`${commit}:${p}`)?.toString('utf8') ?? null]));
  };
  return revision(commit, label, entries, read, async (paths) => {
    const m = await read(paths);
    return new Map([...m].filter((e): e is [string, string] => e[1] !== null));
  });
}

export async function worktreeRevision(git: Git): Promise<Revision> {
  const entries = await git.worktree();
  const read = async (paths: readonly string[]) =>
    new Map(
      paths.map((p) => {
        try {
          return [p, readFileSync(join(git.root, p), 'utf8')] as const;
        } catch {
          return [p, null] as const;
        }
      }),
    );
  const links = async (paths: readonly string[]) => {
    const out = new Map<string, string>();
    for (const p of paths) {
      try {
        if (lstatSync(join(git.root, p)).isSymbolicLink()) out.set(p, readlinkSync(join(git.root, p)));
      } catch {
        /* gone */
      }
    }
    return out;
  };
  return revision(null, 'the working tree', entries, read, links);
}

function revision(
  commit: string | null,
  label: string,
  entries: TreeEntry[],
  read: Revision['read'],
  readLinks: Revision['readLinks'],
): Revision {
  const files = new Set(entries.map((e) => e.path));
  const cache = new Map<string, string | null>();
  const cachedRead = async (paths: readonly string[]) => {
    const missing = [...new Set(paths.filter((p) => !cache.has(p)))];
    if (missing.length) for (const [p, t] of await read(missing)) cache.set(p, t);
    return new Map(paths.map((p) => [p, cache.get(p) ?? null]));
  };
  let children: Map<string, Set<string>> | null = null;
  const childMap = () => {
    if (!children) {
      children = new Map();
      for (const f of files) {
        let dir = '';
        for (const seg of f.split('/')) {
          let set = children.get(dir);
          if (!set) {
            set = new Set();
            children.set(dir, set);
          }
          set.add(seg);
          dir = dir ? `${dir}/${seg}` : seg;
        }
      }
    }
    return children;
  };
  const isDir = (p: string) => childMap().has(p);
  const exists = (p: string) => files.has(p) || isDir(p);
  const glob = (pattern: string): string[] => {
    if (!compilePattern(pattern).ok) return [];
    if (!hasMeta(pattern)) return exists(pattern) ? [pattern] : [];
    const slash = pattern.lastIndexOf('/');
    const dir = slash < 0 ? '' : pattern.slice(0, slash);
    const file = compilePattern(pattern.slice(slash + 1));
    const dirs = hasMeta(dir) ? glob(dir) : [dir];
    const out: string[] = [];
    for (const d of dirs)
      for (const n of [...(childMap().get(d) ?? [])].sort())
        if (file.match(n)) out.push(cleanPath(d ? `${d}/${n}` : n));
    return out;
  };
  return { commit, label, entries, has: (p) => files.has(p), isDir, read: cachedRead, readLinks, glob };
}
