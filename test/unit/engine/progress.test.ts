import { describe, expect, it } from 'vitest';
import { PlainProgressParser } from '../../../src/engine/progress.js';

const log20 = `#1 [internal] load build definition from Dockerfile
#1 sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
#1 DONE 0.0s

#5 [build 2/4] COPY package.json ./
#5 CACHED

#7 [ci 3/4] RUN npm test
#7 0.412 > test
#7 1.20 not ok 1 - adds notes
#7 ERROR: executor failed running [/bin/sh -c npm test]: exit code: 1
------
 > [ci 3/4] RUN npm test:
------
executor failed running [/bin/sh -c npm test]: exit code: 1
`;

describe('PlainProgressParser', () => {
  it('finds cached, done and failed steps and the failing step log, across chunk boundaries', () => {
    const p = new PlainProgressParser();
    for (let i = 0; i < log20.length; i += 7) p.push(log20.slice(i, i + 7));
    const s = p.end();
    expect(s.steps.map((x) => [x.name, x.status])).toEqual([
      ['[internal] load build definition from Dockerfile', 'done'],
      ['[build 2/4] COPY package.json ./', 'cached'],
      ['[ci 3/4] RUN npm test', 'error'],
    ]);
    expect(s.failed?.log).toEqual(['> test', 'not ok 1 - adds notes']);
    expect(s.failed?.error).toBe('executor failed running [/bin/sh -c npm test]: exit code: 1');
    expect(s.finalError).toBe('executor failed running [/bin/sh -c npm test]: exit code: 1');
  });

  it('reads the newer client format too', () => {
    const p = new PlainProgressParser();
    p.push(
      '#9 [a 2/2] RUN false\n#9 ERROR: process "/bin/sh -c false" did not complete successfully: exit code: 1\nERROR: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1\n',
    );
    const s = p.end();
    expect(s.failed?.name).toBe('[a 2/2] RUN false');
    expect(s.finalError).toBe(
      'failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1',
    );
  });
});
