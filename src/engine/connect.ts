import Docker from 'dockerode';
import { EnvironmentError, errorMessage } from '../core/errors.js';

/** The Engine API (dockerode honours DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH). */
export async function connectEngine(env: NodeJS.ProcessEnv = process.env): Promise<Docker> {
  const docker = env.DOCKER_HOST ? new Docker() : new Docker({ socketPath: '/var/run/docker.sock' });
  try {
    await docker.ping();
  } catch (e) {
    throw new EnvironmentError(
      `the Docker engine is unreachable (${env.DOCKER_HOST ?? 'unix:///var/run/docker.sock'}): ${errorMessage(e)}`,
      'start it (scripts/engine.sh does so on Debian as root), or set DOCKER_HOST',
    );
  }
  return docker;
}
