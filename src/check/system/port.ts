/** goss system/port.go, the target's /proc/net read by the helper; declared in gossfile/resources/port.ts. */
import type { Observation } from '../../gossfile/observation.js';
import { socketsOf } from '../readings.js';
import { type Observer, val } from './observer.js';

export const port: Observer = {
  needs: 'helper',
  async observe(t, { live }): Promise<Observation> {
    const sockets = socketsOf(t.target, await live.namespaces.listening());
    if (!sockets) return { listening: { error: `port '${t.target}': expected [tcp|tcp6|udp|udp6:]PORT` } };
    return { listening: val(sockets.length > 0), ip: val(sockets.map((s) => s.ip)) };
  },
};
