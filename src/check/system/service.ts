/** goss system/service*.go, the init system goss would ask; declared in gossfile/resources/service.ts. */
import type { FsObserver } from '../../probe/observe-fs.js';
import {
  detectService,
  observeService,
  type ServiceBackend,
  type ServiceSystem,
  serviceFacts,
} from '../service.js';
import type { RunningTarget } from '../target.js';
import { type Observer, val } from './observer.js';

/** How long one of the init system's own commands (systemctl, rc-service...) may take. */
const INIT_COMMAND_MS = 10_000;

export const service: Observer = {
  needs: 'live',
  async observe(t, { fs, live }) {
    const sys = serviceSystem(fs, live);
    const svc = await observeService(t.target, await serviceBackend(fs, sys), sys);
    return { enabled: val(svc.enabled), running: val(svc.running), runlevels: val(svc.runlevels ?? []) };
  },
};

/** The target as goss's service backends see it: its filesystem, its environment, commands run in it. */
function serviceSystem(fs: FsObserver, live: RunningTarget): ServiceSystem {
  return {
    stat: (p) => fs.stat(p),
    readText: (p) => fs.readText(p),
    list: (d) => fs.list(d),
    run: (argv) => live.exec(argv, INIT_COMMAND_MS).catch(() => null),
    env: () => live.env(),
  };
}

/** goss chooses one service backend per system: once per target. */
const backends = new WeakMap<FsObserver, Promise<ServiceBackend>>();
function serviceBackend(fs: FsObserver, sys: ServiceSystem): Promise<ServiceBackend> {
  let b = backends.get(fs);
  if (!b) {
    b = serviceFacts(sys).then(detectService);
    backends.set(fs, b);
  }
  return b;
}
