/** goss system/package*.go, from the image's package database; declared in gossfile/resources/package.ts. */
import { type Observer, val } from './observer.js';

export const pkg: Observer = {
  needs: 'fs',
  async observe(t, { fs }) {
    const p = await fs.package(t.target);
    if (p.error) return { installed: { error: p.error }, versions: { error: p.error } };
    return { installed: val(p.installed), versions: val(p.versions) };
  },
};
