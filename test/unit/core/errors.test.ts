import { describe, expect, it } from 'vitest';
import { asEnvironmentError, EnvironmentError, UserError } from '../../../src/core/errors.js';

describe('engine failures are environment errors', () => {
  it('an Engine API answer with an error status', () => {
    const e = Object.assign(
      new Error('(HTTP code 500) server error - failed to create task: unable to apply caps'),
      {
        statusCode: 500,
      },
    );
    const env = asEnvironmentError(e);
    expect(env).toBeInstanceOf(EnvironmentError);
    expect(env?.message).toBe(
      'the Docker engine refused a request: failed to create task: unable to apply caps',
    );
    expect(env?.hint).toMatch(/docker info/);
  });

  it('a socket that does not answer', () => {
    const e = Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
    });
    expect(asEnvironmentError(e)?.message).toMatch(/could not be reached: connect ECONNREFUSED/);
  });

  it('anything else stays what it is: a bug is not blamed on the machine', () => {
    expect(asEnvironmentError(new TypeError('x is undefined'))).toBeNull();
    expect(asEnvironmentError(Object.assign(new Error('not found'), { statusCode: 200 }))).toBeNull();
    expect(asEnvironmentError(new UserError('bad input'))).toBeNull();
    expect(asEnvironmentError('a string')).toBeNull();
    // ENOENT of a file read is not the engine's.
    expect(
      asEnvironmentError(Object.assign(new Error('ENOENT'), { code: 'ENOENT', syscall: 'open' })),
    ).toBeNull();
  });
});
