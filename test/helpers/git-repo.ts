import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'slipway test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'slipway test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** A real git repository in a temporary directory, for tests of what slipway reads from git. */
export class TempRepo {
  private constructor(readonly dir: string) {}

  static create(files: Record<string, string | null> = {}): TempRepo {
    const repo = new TempRepo(mkdtempSync(join(tmpdir(), 'slipway-git-')));
    repo.git('init', '-q', '-b', 'main');
    repo.write(files);
    return repo;
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: ENV, encoding: 'utf8' }).trim();
  }

  /** Writes files (null deletes one). */
  write(files: Record<string, string | null>): this {
    for (const [name, text] of Object.entries(files)) {
      const p = join(this.dir, name);
      if (text === null) rmSync(p, { force: true, recursive: true });
      else {
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, text);
      }
    }
    return this;
  }

  rename(from: string, to: string): this {
    mkdirSync(dirname(join(this.dir, to)), { recursive: true });
    renameSync(join(this.dir, from), join(this.dir, to));
    return this;
  }

  /** Stages everything and commits; returns the commit id. */
  commit(message = 'change', files: Record<string, string | null> = {}): string {
    this.write(files);
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** A clone through file:// (so --depth makes a real shallow clone). */
  clone(opts: { depth?: number; branch?: string } = {}): TempRepo {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-clone-'));
    execFileSync(
      'git',
      [
        'clone',
        '-q',
        ...(opts.depth ? ['--depth', String(opts.depth)] : []),
        ...(opts.branch ? ['--branch', opts.branch] : []),
        `file://${this.dir}`,
        dir,
      ],
      { env: ENV },
    );
    return new TempRepo(dir);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
