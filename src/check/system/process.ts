/** goss system/process.go, the container's processes by `comm`; declared in gossfile/resources/process.ts. */
import { type Observer, val } from './observer.js';

export const proc: Observer = {
  needs: 'live',
  async observe(t, { live }) {
    const names = await live.processes();
    // The kernel keeps 15 characters of an executable's name.
    return { running: val(names.includes(t.target.slice(0, 15))) };
  },
};
