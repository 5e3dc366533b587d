import type Docker from 'dockerode';
import { SlipwayError } from '../core/errors.js';
import { sweep } from './session.js';

/** Raised in a flow that goes on creating things after its session was closed (SIGINT/SIGTERM). */
export class InterruptedError extends SlipwayError {
  constructor() {
    super('interrupted');
  }
}

/**
 * A session that can be closed while its work is still running: `close()` removes everything labelled with
 * it, and from then on a container, volume or network whose creation was already under way is removed as
 * soon as the engine has made it (the sweep cannot see what does not exist yet).
 */
export class ClosableSession {
  private closed = false;

  constructor(
    readonly docker: Docker,
    readonly id: string,
  ) {
    // Promise forms only (slipway never passes callbacks); Volume.remove takes no force/v options.
    type Removable = { remove: (o?: object) => Promise<unknown> };
    const guard = <F extends (...a: never[]) => Promise<Removable>>(create: F): F =>
      (async (...a: Parameters<F>) => {
        const made = await create(...a);
        if (this.closed) {
          await made.remove({ force: true, v: true }).catch(() => undefined);
          throw new InterruptedError();
        }
        return made;
      }) as unknown as F;
    docker.createContainer = guard(docker.createContainer.bind(docker) as typeof docker.createContainer);
    docker.createVolume = guard(
      docker.createVolume.bind(docker) as (o?: Docker.VolumeCreateOptions) => Promise<Docker.Volume>,
    ) as typeof docker.createVolume;
    docker.createNetwork = guard(docker.createNetwork.bind(docker) as typeof docker.createNetwork);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<number> {
    this.closed = true;
    return sweep(this.docker, this.id);
  }
}
