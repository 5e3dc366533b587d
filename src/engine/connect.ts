import Docker from 'dockerode';
import { EnvironmentError, errorMessage } from '../core/errors.js';
import { connectionOptions, engineHost } from './engine-host.js';

/**
 * The Engine API of the engine the docker CLI uses (engineHost: DOCKER_HOST, else the docker context).
 * With DOCKER_HOST, dockerode reads it itself (with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH).
 */
export async function connectEngine(env: NodeJS.ProcessEnv = process.env): Promise<Docker> {
  const { host, from } = engineHost(env);
  const docker = env.DOCKER_HOST ? new Docker() : new Docker(connectionOptions(host, env));
  try {
    await docker.ping();
  } catch (e) {
    throw new EnvironmentError(
      `the Docker engine is unreachable (${host}${from.startsWith('docker context') ? `, ${from}` : ''}): ${errorMessage(e)}`,
      'start it (scripts/engine.sh does so on Debian as root), or set DOCKER_HOST',
    );
  }
  return docker;
}
