/**
 * The git the plan needs, as few processes as possible: resolve revisions, list changes and trees, read
 * many files at a revision through one `git cat-file --batch`. Every path is relative to the repository root.
 */
import { spawn } from 'node:child_process';
import { UserError } from '../core/errors.js';
import type { Change, ChangeStatus } from './plan-types.js';

export interface TreeEntry {
  path: string;
  /** `100644`, `100755`, `120000` (symlink), `160000` (submodule). */
  mode: string;
  /** The blob id; null for a working-tree file git has no current blob for (modified or untracked). */
  oid: string | null;
}

interface Out {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export class Git {
  /** Answers already known (from `open`), so they cost no process. */
  private readonly known = new Map<string, string | null>();

  private constructor(
    /** The repository's top-level directory. */
    readonly root: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** The repository holding `cwd`; a UserError when there is none. One process also answers HEAD and shallowness. */
  static async open(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Git> {
    const all = await exec(
      [
        '-C',
        cwd,
        'rev-parse',
        '--show-toplevel',
        '--is-shallow-repository',
        '--verify',
        '--quiet',
        'HEAD^{commit}',
      ],
      env,
    );
    const lines = all.stdout.toString('utf8').trim().split('\n');
    if (all.code === 0 && lines.length === 3) {
      const git = new Git(lines[0] as string, env);
      git.known.set('shallow', lines[1] as string);
      git.known.set('commit:HEAD', lines[2] as string);
      return git;
    }
    const r = await exec(['-C', cwd, 'rev-parse', '--show-toplevel'], env);
    if (r.code !== 0)
      throw new UserError(`not a git repository: ${cwd}`, {
        hint:
          r.code === 127
            ? 'git is not installed (slipway plan compares git revisions)'
            : 'slipway plan compares git revisions: run it inside a repository',
      });
    return new Git(r.stdout.toString('utf8').trim(), env);
  }

  async run(args: readonly string[], input?: string): Promise<Out> {
    return exec(['-C', this.root, ...args], this.env, input);
  }

  private async text(args: readonly string[]): Promise<string | null> {
    const r = await this.run(args);
    return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
  }

  /** The commit a ref names, or null. */
  /** The branch checked out, or null (a detached HEAD). */
  async branch(): Promise<string | null> {
    return this.text(['symbolic-ref', '--quiet', '--short', 'HEAD']);
  }

  async commit(ref: string): Promise<string | null> {
    const key = `commit:${ref}`;
    if (!this.known.has(key))
      this.known.set(
        key,
        await this.text(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]),
      );
    return this.known.get(key) ?? null;
  }

  async isShallow(): Promise<boolean> {
    if (!this.known.has('shallow'))
      this.known.set('shallow', await this.text(['rev-parse', '--is-shallow-repository']));
    return this.known.get('shallow') === 'true';
  }

  mergeBase(a: string, b: string): Promise<string | null> {
    return this.text(['merge-base', a, b]);
  }

  /** `origin/HEAD`'s branch, else the first of main, master, origin/main, origin/master that exists (one process). */
  async defaultBranch(): Promise<string | null> {
    const order = [
      'refs/remotes/origin/HEAD',
      'refs/heads/main',
      'refs/heads/master',
      'refs/remotes/origin/main',
      'refs/remotes/origin/master',
    ];
    const t = await this.text(['for-each-ref', '--format=%(refname) %(objectname) %(symref)', ...order]);
    const refs = new Map<string, [string, string]>();
    for (const l of (t ?? '').split('\n')) {
      const [name, oid, symref] = l.split(' ');
      if (name && oid) refs.set(name, [oid, symref ?? '']);
    }
    for (const name of order) {
      const ref = refs.get(name);
      if (!ref) continue;
      const [oid, symref] = ref;
      const short = (symref || name).replace(/^refs\/(heads|remotes)\//, '');
      if (!symref) this.known.set(`commit:${short}`, oid);
      return short;
    }
    return null;
  }

  /** The tag before HEAD (`git describe --abbrev=0 --tags HEAD^`), or null. */
  previousTag(): Promise<string | null> {
    return this.text(['describe', '--abbrev=0', '--tags', 'HEAD^']);
  }

  /** Names of branches and tags, for did-you-mean hints. */
  async refNames(): Promise<string[]> {
    const t = await this.text([
      'for-each-ref',
      '--format=%(refname:short)',
      'refs/heads',
      'refs/tags',
      'refs/remotes',
    ]);
    return t ? t.split('\n') : [];
  }

  /** Changed paths between two commits, or between a commit and the working tree (head null); renames split. */
  async changes(base: string, head: string | null): Promise<Change[]> {
    const r = await this.run([
      'diff',
      '--name-status',
      '-z',
      '--no-renames',
      '--no-ext-diff',
      base,
      ...(head ? [head] : []),
      '--',
    ]);
    if (r.code !== 0) throw new Error(`git diff failed: ${r.stderr.trim()}`);
    const parts = r.stdout.toString('utf8').split('\0');
    const out = new Map<string, ChangeStatus>();
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const s = (parts[i] as string)[0];
      out.set(parts[i + 1] as string, s === 'A' ? 'A' : s === 'D' ? 'D' : 'M');
    }
    if (!head) for (const p of await this.untracked()) out.set(p, out.get(p) === 'D' ? 'M' : 'A');
    return [...out].map(([path, status]) => ({ path, status }));
  }

  /** Every file of a commit's tree. */
  async tree(rev: string): Promise<TreeEntry[]> {
    const r = await this.run(['ls-tree', '-r', '-z', '--full-tree', rev]);
    if (r.code !== 0) throw new Error(`git ls-tree failed: ${r.stderr.trim()}`);
    const out: TreeEntry[] = [];
    for (const rec of r.stdout.toString('utf8').split('\0')) {
      if (!rec) continue;
      const tab = rec.indexOf('\t');
      const [mode, , oid] = rec.slice(0, tab).split(' ');
      out.push({ path: rec.slice(tab + 1), mode: mode as string, oid: oid ?? null });
    }
    return out;
  }

  /** The working tree as git sees it: tracked files still present (index blob if unmodified) plus untracked ones. */
  async worktree(): Promise<TreeEntry[]> {
    const [staged, deleted, modified, untracked] = await Promise.all([
      this.run(['ls-files', '-z', '-s']),
      this.nul(['ls-files', '-z', '--deleted']),
      this.nul(['diff', '--name-only', '-z', '--no-ext-diff']),
      this.untracked(),
    ]);
    const gone = new Set(deleted);
    const dirty = new Set(modified);
    const out = new Map<string, TreeEntry>();
    for (const rec of staged.stdout.toString('utf8').split('\0')) {
      if (!rec) continue;
      const tab = rec.indexOf('\t');
      const path = rec.slice(tab + 1);
      if (gone.has(path)) continue;
      const [mode, oid] = rec.slice(0, tab).split(' ');
      out.set(path, { path, mode: mode as string, oid: dirty.has(path) ? null : (oid ?? null) });
    }
    for (const p of untracked) out.set(p, { path: p, mode: '100644', oid: null });
    return [...out.values()];
  }

  private untracked(): Promise<string[]> {
    return this.nul(['ls-files', '-z', '--others', '--exclude-standard']);
  }

  private async nul(args: readonly string[]): Promise<string[]> {
    const r = await this.run(args);
    return r.code === 0 ? r.stdout.toString('utf8').split('\0').filter(Boolean) : [];
  }

  /** Contents of many `rev:path` objects through one process; a missing object is null. */
  async read(specs: readonly string[]): Promise<Map<string, Buffer | null>> {
    const out = new Map<string, Buffer | null>();
    if (!specs.length) return out;
    const r = await this.run(['cat-file', '--batch'], `${specs.join('\n')}\n`);
    let pos = 0;
    for (const spec of specs) {
      const nl = r.stdout.indexOf(10, pos);
      if (nl < 0) break;
      const header = r.stdout.subarray(pos, nl).toString('utf8');
      pos = nl + 1;
      const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
      if (!m) {
        out.set(spec, null);
        continue;
      }
      const size = Number(m[2]);
      out.set(spec, m[1] === 'blob' ? r.stdout.subarray(pos, pos + size) : null);
      pos += size + 1;
    }
    return out;
  }
}

function exec(args: readonly string[], env: NodeJS.ProcessEnv, input?: string): Promise<Out> {
  return new Promise((resolve) => {
    const child = spawn('git', args, {
      env: { ...env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => chunks.push(c));
    child.stderr?.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    child.on('error', (e) => resolve({ code: 127, stdout: Buffer.alloc(0), stderr: e.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(chunks), stderr }));
    if (input !== undefined) child.stdin?.end(input);
  });
}
