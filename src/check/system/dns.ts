/** goss system/dns.go, goss's resolvers from the target's network namespace; declared in gossfile/resources/dns.ts. */
import type { Observed } from '../../gossfile/observation.js';
import { gossLookup } from '../dns/lookup.js';
import { type Observer, val } from './observer.js';

export const dns: Observer = {
  needs: 'helper',
  async observe(t, { live }) {
    const server = t.options.server === undefined ? null : String(t.options.server);
    const d = await gossLookup(
      { target: t.target, server: server || null, timeoutMs: Number(t.options.timeout) },
      live.namespaces.dns(),
    );
    const resolvable: Observed = d.error !== undefined ? { error: d.error } : val(d.resolvable);
    // goss skips addrs when resolvable fails; an error there is resolvable's.
    return { resolvable, resolveable: resolvable, addrs: val(d.addrs) };
  },
};
