/** goss system/group.go, from the image's /etc/group; declared in gossfile/resources/group.ts. */
import { type Observer, val } from './observer.js';

export const group: Observer = {
  needs: 'fs',
  async observe(t, { fs }) {
    const g = await fs.group(t.target);
    return { exists: val(g.exists), gid: val(g.gid) };
  },
};
