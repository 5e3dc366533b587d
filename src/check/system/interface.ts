/** goss system/interface.go, `ip` in the target's network namespace; declared in gossfile/resources/interface.ts. */
import { type Observer, val } from './observer.js';

export const iface: Observer = {
  needs: 'helper',
  async observe(t, { live }) {
    const link = await live.namespaces.run(['ip', '-o', 'link', 'show', 'dev', t.target], 5000);
    if (link.exitCode !== 0) return { exists: val(false), addrs: val([]), mtu: val(null) };
    const addr = await live.namespaces.run(['ip', '-o', 'addr', 'show', 'dev', t.target], 5000);
    const addrs = [...addr.stdout.matchAll(/\binet6? (\S+)/g)].map((x) => x[1] as string);
    return {
      exists: val(true),
      addrs: val(addrs),
      mtu: val(Number(/\bmtu (\d+)/.exec(link.stdout)?.[1] ?? Number.NaN)),
    };
  },
};
