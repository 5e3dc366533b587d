import { describe, expect, it } from 'vitest';
import type { DevStatus } from '../../../src/dev/index.js';
import { age, formatDevStatusText, formatDown, formatUp, staleLine } from '../../../src/report/dev.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const status = (over: Partial<DevStatus> = {}): DevStatus => ({
  name: 'slipway-dev-shop-1a2b3c4d',
  checkout: '1a2b3c4d5e6f7a8b',
  stage: 'dev',
  state: 'running',
  startedAt: '2026-12-01T11:55:00Z',
  exitCode: null,
  image: { id: 'sha256:0123456789abcdef', created: '2026-12-01T09:00:00Z', fingerprint: 'sha256:aa' },
  fingerprint: 'sha256:aa',
  stale: false,
  settingsChanged: false,
  dockerfile: { path: '/r/docker/Dockerfile', modified: '2026-12-01T08:00:00Z' },
  workspace: '/r/example',
  workdir: '/app',
  ports: [{ container: '3000/tcp', host: '127.0.0.1:3000' }],
  volumes: [
    { name: 'v-app-node_modules', target: '/app/node_modules', role: 'dependencies', lockfileChanged: false },
    { name: 'v-data', target: '/data', role: 'data', lockfileChanged: null },
  ],
  ...over,
});

describe('dev formatters', () => {
  it('status: container, stage and Dockerfile age, image age, fingerprint, workspace, ports, volumes', () => {
    expect(formatDevStatusText(status(), NOW)).toBe(
      [
        'container    slipway-dev-shop-1a2b3c4d: running (up 5m)',
        'stage        dev (Dockerfile changed 4h ago: /r/docker/Dockerfile)',
        'image        0123456789ab, built 3h ago',
        'fingerprint  up to date with the Dockerfile and the stage’s inputs',
        'workspace    /r/example → /app',
        'ports        127.0.0.1:3000 → 3000/tcp',
        'volumes      v-app-node_modules → /app/node_modules (dependencies)',
        '             v-data → /data (data)',
      ].join('\n'),
    );
  });

  it('status: stale, changed settings, an image older than the Dockerfile, a changed lockfile, an exited container', () => {
    const text = formatDevStatusText(
      status({
        state: 'exited',
        startedAt: null,
        exitCode: 3,
        stale: true,
        settingsChanged: true,
        dockerfile: { path: 'Dockerfile', modified: '2026-12-01T10:00:00Z' },
        volumes: [{ name: 'v', target: '/d', role: 'dependencies', lockfileChanged: true }],
      }),
      NOW,
    );
    expect(text).toContain('container    slipway-dev-shop-1a2b3c4d: exited (exit code 3)');
    expect(text).toContain('built 3h ago, before the Dockerfile’s last change');
    expect(text).toContain(
      'fingerprint  STALE: the dev stage changed since its image was built; slipway dev up --rebuild rebuilds and recreates it',
    );
    expect(text).toContain('settings     changed since the container was made');
    expect(text).toContain('v → /d (dependencies; the lockfile changed since it was seeded)');
    expect(
      formatDevStatusText(status({ state: 'absent', image: null, stale: null, ports: [], volumes: [] }), NOW),
    ).toBe(
      [
        'container  slipway-dev-shop-1a2b3c4d: absent (slipway dev up starts it)',
        'stage      dev (Dockerfile changed 4h ago: /r/docker/Dockerfile)',
        'workspace  /r/example → /app',
      ].join('\n'),
    );
  });

  it('up, down and the stale line', () => {
    expect(staleLine({ image: false, settings: false })).toBeNull();
    expect(staleLine({ image: null, settings: true })).toBe(
      'the dev container is stale: the dev settings in slipway.yaml (mounts, ports, env, command) changed since it was made; slipway dev up --rebuild rebuilds and recreates it',
    );
    expect(
      formatUp({
        ok: true,
        action: 'created',
        name: 'c',
        image: 'i',
        built: null,
        seeded: ['c-a'],
        replaced: [],
        stale: null,
      }),
    ).toBe('dev container c: created and started\n  volumes seeded from the image: c-a');
    expect(formatDown({ container: 'c', volumes: [], kept: ['c-a'] }, 'c')).toBe(
      'removed the dev container c\nkept its volumes (--volumes removes them): c-a',
    );
    expect([age('2026-12-01T11:59:30Z', NOW), age('2026-11-28T12:00:00Z', NOW)]).toEqual(['30s', '3d']);
  });
});
