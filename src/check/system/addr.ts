/** goss system/addr.go, connecting from the target's network namespace; declared in gossfile/resources/addr.ts. */
import { type Observer, val } from './observer.js';

export const addr: Observer = {
  needs: 'helper',
  async observe(t, { live }) {
    // goss: an address without a scheme is tcp.
    const m = /^(?:(tcp|udp):\/\/)?(.+):(\d+)$/.exec(t.target);
    if (!m)
      return { reachable: { error: `address '${t.target}': expected tcp://HOST:PORT or udp://HOST:PORT` } };
    const host = (m[2] as string).replace(/^\[|\]$/g, '');
    const timeout = Number(t.options.timeout);
    if ((m[1] ?? 'tcp') === 'udp') {
      // A UDP "connection" sends nothing: it succeeds when the name resolves and a route to it exists.
      const ips = await live.namespaces.resolve(host, timeout);
      if (!ips.length) return { reachable: val(false) };
      const route = await live.namespaces.run(['ip', 'route', 'get', ips[0] as string], timeout + 3000);
      return { reachable: val(route.exitCode === 0) };
    }
    const secs = String(Math.max(1, Math.ceil(timeout / 1000)));
    // busybox nc has no -z: connect with nothing to send; exit 0 means the connection was accepted.
    const x = await live.namespaces.run(
      ['sh', '-c', 'nc -w "$1" "$2" "$3" </dev/null', 'addr', secs, host, m[3] as string],
      timeout + 3000,
    );
    return { reachable: val(x.exitCode === 0) };
  },
};
