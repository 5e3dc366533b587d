import type { DevStatus, DownResult, UpResult } from '../dev/index.js';
import { seconds, table } from './units.js';

/** `3h`, `2d`, `45s` between two ISO times (`ago`). */
export function age(from: string, now: Date): string {
  const ms = Math.max(0, now.getTime() - new Date(from).getTime());
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)}m`;
  if (ms < 172_800_000) return `${Math.round(ms / 3_600_000)}h`;
  return `${Math.round(ms / 86_400_000)}d`;
}

export const STALE_HINT = 'slipway dev up --rebuild rebuilds and recreates it';

/** The one line `up`, `shell` and `status` print when the container is not what `up` would make now. */
export function staleLine(st: { image: boolean | null; settings: boolean } | null): string | null {
  if (!st) return null;
  const why = [
    st.image
      ? 'the dev stage changed since its image was built (the Dockerfile or the stage’s inputs)'
      : null,
    st.settings
      ? 'the dev settings in slipway.yaml (mounts, ports, env, command) changed since it was made'
      : null,
  ].filter(Boolean);
  return why.length ? `the dev container is stale: ${why.join('; and ')}; ${STALE_HINT}` : null;
}

export function formatDevStatusText(s: DevStatus, now = new Date()): string {
  const rows: string[][] = [];
  const state =
    s.state === 'running' && s.startedAt
      ? `running (up ${age(s.startedAt, now)})`
      : s.exitCode !== null && s.state !== 'absent'
        ? `${s.state} (exit code ${s.exitCode})`
        : s.state === 'absent'
          ? 'absent (slipway dev up starts it)'
          : s.state;
  rows.push(['container', `${s.name}: ${state}`]);
  rows.push([
    'stage',
    `${s.stage} (Dockerfile changed ${age(s.dockerfile.modified, now)} ago: ${s.dockerfile.path})`,
  ]);
  if (s.image)
    rows.push([
      'image',
      `${s.image.id.replace(/^sha256:/, '').slice(0, 12)}, built ${age(s.image.created, now)} ago${
        new Date(s.image.created) < new Date(s.dockerfile.modified)
          ? ', before the Dockerfile’s last change'
          : ''
      }`,
    ]);
  if (s.state !== 'absent')
    rows.push([
      'fingerprint',
      s.stale === null
        ? `unknown${s.fingerprint === null ? ' (a base image of the stage is not in the engine)' : ' (the image carries none)'}`
        : s.stale
          ? `STALE: the dev stage changed since its image was built; ${STALE_HINT}`
          : 'up to date with the Dockerfile and the stage’s inputs',
    ]);
  if (s.settingsChanged) rows.push(['settings', `changed since the container was made; ${STALE_HINT}`]);
  rows.push(['workspace', `${s.workspace} → ${s.workdir}`]);
  if (s.ports.length) rows.push(['ports', s.ports.map((p) => `${p.host} → ${p.container}`).join(', ')]);
  for (const [i, v] of s.volumes.entries())
    rows.push([
      i === 0 ? 'volumes' : '',
      `${v.name} → ${v.target || '?'} (${v.role}${
        v.lockfileChanged === null
          ? ''
          : v.lockfileChanged
            ? '; the lockfile changed since it was seeded'
            : ''
      })`,
    ]);
  return table(rows);
}

export const formatDevStatusJson = (s: DevStatus): string => JSON.stringify(s, null, 2);

export function formatUp(r: UpResult): string {
  if (!r.ok) return '';
  const lines: string[] = [];
  const what = {
    created: 'created and started',
    recreated: 'recreated and started',
    started: 'started',
    'already-up': 'already up',
  }[r.action];
  lines.push(`dev container ${r.name}: ${what}`);
  if (r.built) lines.push(`  built ${r.built.tag} in ${seconds(r.built.durationMs)}`);
  if (r.seeded.length) lines.push(`  volumes seeded from the image: ${r.seeded.join(', ')}`);
  if (r.replaced.length) lines.push(`  made again (the lockfile changed): ${r.replaced.join(', ')}`);
  const stale = staleLine(r.stale);
  if (stale) lines.push(`  ${stale}`);
  return lines.join('\n');
}

export function formatDown(r: DownResult, name: string): string {
  const lines = [r.container ? `removed the dev container ${r.container}` : `no dev container ${name}`];
  if (r.volumes.length) lines.push(`removed its volumes: ${r.volumes.join(', ')}`);
  if (r.kept.length) lines.push(`kept its volumes (--volumes removes them): ${r.kept.join(', ')}`);
  return lines.join('\n');
}
