/** goss system/file.go, from the image's filesystem; declared in gossfile/resources/file.ts. */
import { createHash } from 'node:crypto';
import type { Observation, Observed } from '../../gossfile/observation.js';
import { failing, type Observer, val } from './observer.js';

const READS_CONTENT = ['contents', 'contains', 'md5', 'sha256', 'sha512'];

export const file: Observer = {
  needs: 'fs',
  async observe(t, { fs }) {
    const wanted = new Set(t.properties);
    // goss expands `~user` in the path; when that fails, every property fails with the lookup's error.
    const expanded = await fs.expandPath(t.target);
    if ('error' in expanded) return failing([...wanted], expanded.error);
    const path = expanded.path;
    const f = await fs.file(path, wanted.has('owner') || wanted.has('group'));
    const named = (v: string | { error: string } | null): Observed =>
      v !== null && typeof v === 'object' ? v : val(v);
    const obs: Observation = {
      exists: val(f.exists),
      mode: val(f.mode),
      size: val(f.size),
      owner: named(f.owner),
      uid: val(f.uid),
      group: named(f.group),
      gid: val(f.gid),
      'linked-to': val(f.linkedTo),
      filetype: val(f.filetype),
    };
    if (READS_CONTENT.some((k) => wanted.has(k))) {
      const bytes = f.exists && f.filetype !== 'directory' ? await fs.contents(path) : null;
      obs.contents = bytes === null ? { error: `${path}: not a readable file` } : val(bytes.toString('utf8'));
      obs.contains = obs.contents;
      for (const h of ['md5', 'sha256', 'sha512'])
        obs[h] = bytes === null ? obs.contents : val(createHash(h).update(bytes).digest('hex'));
    }
    return obs;
  },
};
