/** goss system/user.go, from the image's /etc/passwd and /etc/group; declared in gossfile/resources/user.ts. */
import { type Observer, val } from './observer.js';

export const user: Observer = {
  needs: 'fs',
  async observe(t, { fs }) {
    const u = await fs.user(t.target);
    return {
      exists: val(u.exists),
      uid: val(u.uid),
      gid: val(u.gid),
      groups: val(u.groups),
      home: val(u.home),
      shell: val(u.shell),
    };
  },
};
