import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClosableSession, InterruptedError } from '../../src/engine/closing.js';
import {
  KEEP_LABEL,
  newSessionId,
  OWNER_LABEL,
  SESSION_LABEL,
  sessionLabels,
} from '../../src/engine/session.js';
import { slipway } from '../helpers/cli.js';
import { docker, importBusybox, leftovers } from '../helpers/engine.js';

const BIN = fileURLToPath(new URL('../../bin/slipway.js', import.meta.url));

/**
 * Sessions end clean however they end: a killed process (-9) leaves labelled containers that the next
 * slipway command on this host removes; `slipway clean` removes every short-lived one and keeps what is
 * kept on purpose unless asked; a session closed while a container is being created removes that too.
 */
describe('sessions and their leftovers', () => {
  const image = `slipway-test-sessions:${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'slipway-sessions-'));
  const spec = join(dir, 'slow.yaml');
  const quick = join(dir, 'quick.yaml');

  beforeAll(async () => {
    await importBusybox(image);
    writeFileSync(
      spec,
      'command:\n  sleep:\n    exec: ["/busybox", "sleep", "60"]\n    exit-status: 0\n    timeout: 90000\n',
    );
    writeFileSync(quick, 'file:\n  /busybox: { exists: true }\n');
  });
  afterAll(async () => {
    await docker
      .getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const running = async () =>
    (
      await docker.listContainers({
        filters: JSON.stringify({ label: ['dev.slipway.managed=true'], status: ['running'] }),
      })
    ).length;

  it('kill -9 during slipway test: its containers stay, and the next engine command removes them', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'test', '--image', image, '--spec', spec, '--entrypoint', '/busybox sleep 600'],
      {
        stdio: 'ignore',
      },
    );
    const exited = new Promise((r) => child.on('close', r));
    const deadline = Date.now() + 60_000;
    while ((await running()) < 1) {
      if (Date.now() > deadline) throw new Error('the check never started');
      await new Promise((r) => setTimeout(r, 200));
    }
    child.kill('SIGKILL');
    await exited;
    expect((await leftovers()).length).toBeGreaterThan(0);
    const next = await slipway(['test', '--image', image, '--spec', quick]);
    expect(next.code).toBe(0);
    expect(next.stderr).toMatch(/removed \d+ leftover\(s\) of slipway runs that ended without cleaning up/);
    expect(await leftovers()).toEqual([]);
  });

  it('slipway clean removes short-lived resources of every session but running ones on this host; kept ones only with --dev', async () => {
    const live = sessionLabels(newSessionId()); // this process: running, so clean leaves it (a run in another terminal)
    const elsewhere = { ...live, [OWNER_LABEL]: 'another-host/4242/1', [SESSION_LABEL]: '4242-0abc1234' };
    const make = (Labels: Record<string, string>) =>
      docker.createContainer({ Image: image, Cmd: ['/busybox', 'true'], Labels });
    const running = await make(live);
    const otherHost = await make(elsewhere);
    const kept = await make({ ...elsewhere, [KEEP_LABEL]: 'true' });
    try {
      const r = await slipway(['clean']);
      expect(r.code).toBe(0);
      await expect(otherHost.inspect()).rejects.toThrow();
      expect((await running.inspect()).Id).toBe(running.id);
      expect((await kept.inspect()).Id).toBe(kept.id);
      const dev = await slipway(['clean', '--dev']);
      expect(dev.code).toBe(0);
      await expect(kept.inspect()).rejects.toThrow();
      expect((await running.inspect()).Id).toBe(running.id);
    } finally {
      for (const c of [running, otherHost, kept]) await c.remove({ force: true }).catch(() => undefined);
    }
    expect(await leftovers()).toEqual([]);
  });

  it('a container whose creation is under way when the session closes is removed too', async () => {
    const session = new ClosableSession(new (await import('dockerode')).default(), newSessionId());
    const creating = session.docker.createContainer({
      Image: image,
      Cmd: ['/busybox', 'true'],
      Labels: sessionLabels(session.id),
    });
    await session.close();
    await expect(creating).rejects.toBeInstanceOf(InterruptedError);
    expect(await leftovers()).toEqual([]);
  });
});
