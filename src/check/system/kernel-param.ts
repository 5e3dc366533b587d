/** goss system/kernel_param.go, /proc/sys read in the target's namespaces; declared in gossfile/resources/kernel-param.ts. */
import { type Observer, val } from './observer.js';

export const kernelParam: Observer = {
  needs: 'helper',
  async observe(t, { live }) {
    const path = `/proc/sys/${t.target.replaceAll('.', '/')}`;
    const v = (await live.namespaces.read([path])).get(path);
    return {
      value:
        v === null || v === undefined ? { error: `kernel parameter ${t.target} not found` } : val(v.trim()),
    };
  },
};
