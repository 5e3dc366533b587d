import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

/** The non-root user the interactive tests run as, allowed to use the engine (its socket's group). */
export const ENGINE_USER = 'slipway-test';

export interface TestUser {
  /** null: the tests already run as a non-root user, who is the one. */
  name: string | null;
  uid: number;
  gid: number;
}

/**
 * As root: the system user `slipway-test` in the group that owns the engine's socket, made when absent
 * (scripts/test makes it too). As a non-root user: that user. A file created "as the host user" can then
 * come out root-owned and fail the test, which as root it never could.
 */
export function engineUser(socket = '/var/run/docker.sock'): TestUser {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) return { name: null, uid, gid: process.getgid?.() ?? 0 };
  const group = execFileSync('getent', ['group', String(statSync(socket).gid)], { encoding: 'utf8' }).split(
    ':',
  )[0];
  if (!group) throw new Error(`no group owns ${socket}: cannot give a test user the engine`);
  try {
    execFileSync('id', ['-u', ENGINE_USER], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', [
      '--system',
      '--no-create-home',
      '--shell',
      '/bin/sh',
      '--groups',
      group,
      ENGINE_USER,
    ]);
  }
  execFileSync('usermod', ['--append', '--groups', group, ENGINE_USER]);
  const id = (flag: string) => Number(execFileSync('id', [flag, ENGINE_USER], { encoding: 'utf8' }).trim());
  return { name: ENGINE_USER, uid: id('-u'), gid: id('-g') };
}
