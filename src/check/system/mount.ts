/** goss system/mount.go, the target's mountinfo and statfs through the helper; declared in gossfile/resources/mount.ts. */
import type { Observation } from '../../gossfile/observation.js';
import { parseMountinfo, usagePercent } from '../readings.js';
import { failing, type Observer, val } from './observer.js';

export const mount: Observer = {
  needs: 'helper',
  async observe(t, { live }): Promise<Observation> {
    const target = t.target;
    const info = (await live.namespaces.read(['/proc/1/mountinfo'])).get('/proc/1/mountinfo') ?? '';
    const m = parseMountinfo(info).find((x) => x.mountpoint === target);
    if (!m)
      return {
        exists: val(false),
        ...failing(['opts', 'vfs-opts', 'source', 'filesystem', 'usage'], `${target}: mountpoint not found`),
      };
    // statfs through the target's root (the helper sees it as /proc/1/root): goss's rounded percent of
    // blocks not free.
    const st = await live.namespaces.run(['stat', '-f', '-c', '%b %f', `/proc/1/root${target}`], 5000);
    const [blocks, free] = st.stdout.trim().split(' ').map(Number) as [number, number];
    return {
      exists: val(true),
      opts: val(m.opts),
      'vfs-opts': val(m.vfsOpts),
      source: val(m.source),
      filesystem: val(m.fstype),
      usage:
        st.exitCode !== 0 || Number.isNaN(blocks)
          ? { error: `statfs ${target}: ${st.stderr.trim() || 'failed'}` }
          : val(usagePercent(blocks, free)),
    };
  },
};
