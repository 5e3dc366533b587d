/** A target booting systemd (`systemd: true`, run-options.ts): waiting for it to settle, stopping it cleanly. */
import type Docker from 'dockerode';
import { execIn } from './exec.js';
import { SYSTEMD_STOP_SIGNAL, systemState } from './run-options.js';

/**
 * A systemd boot settles when `systemctl is-system-running` says running or degraded (the failed units are
 * noted); one that has not settled in time is checked anyway, with a note. A container that stops, or whose
 * systemctl never answers as PID 1's, is an error. `stopped` says why a container stopped.
 */
export async function settle(
  container: Docker.Container,
  timeoutMs: number,
  stopped: (exitCode: number) => Promise<string>,
): Promise<string | null> {
  const t0 = Date.now();
  let said = '';
  for (;;) {
    const state = (await container.inspect()).State;
    if (!state.Running)
      throw new Error(
        `the container stopped: ${await stopped(state.ExitCode)}; systemd did not boot (docker logs show nothing unless it has a terminal)`,
      );
    const r = await execIn(container, ['systemctl', 'is-system-running'], 10_000).catch(() => null);
    said = r?.stdout.trim() || r?.stderr.trim().split('\n').pop() || 'no answer';
    const s = systemState(r?.stdout ?? '');
    if (s === 'settled') return null;
    if (s === 'degraded') {
      const failed = await execIn(container, ['systemctl', '--failed', '--plain', '--no-legend'], 10_000);
      const units = failed.stdout
        .split('\n')
        .map((l) => l.trim().split(/\s+/)[0])
        .filter(Boolean);
      return `systemd is degraded: failed units ${units.join(', ') || '(none listed)'}`;
    }
    if (s === 'offline' && Date.now() - t0 > 15_000)
      throw new Error(
        `systemd: true, but systemd is not running as PID 1 (systemctl is-system-running: ${said}); is /sbin/init systemd in this image (Debian: systemd-sysv)?`,
      );
    if (Date.now() - t0 > timeoutMs)
      return `systemd did not settle within ${Math.round(timeoutMs / 1000)}s (systemctl is-system-running: ${said}): checked anyway`;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** systemd stops cleanly on SIGRTMIN+3 (what `docker stop` sends it with its StopSignal); 10 s at most. */
export async function stopSystemd(container: Docker.Container): Promise<void> {
  await container.kill({ signal: SYSTEMD_STOP_SIGNAL }).catch(() => undefined);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const running = await container.inspect().then(
      (i) => i.State.Running,
      () => false,
    );
    if (!running) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The engine's cgroup version ('1' or '2'), asked once per engine connection. */
const cgroups = new WeakMap<Docker, Promise<'1' | '2'>>();
export function cgroupVersion(docker: Docker): Promise<'1' | '2'> {
  let v = cgroups.get(docker);
  if (!v) {
    v = docker.info().then(
      (i: { CgroupVersion?: string }) => (i.CgroupVersion === '2' ? '2' : '1'),
      () => '1' as const,
    );
    cgroups.set(docker, v);
  }
  return v;
}
