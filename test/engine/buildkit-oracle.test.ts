import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOrder } from '../../src/dockerfile/graph.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { discoverBuildClient } from '../../src/engine/client.js';
import { dockerBuild } from '../../src/engine/docker-build.js';
import { BUSYBOX } from '../helpers/fixture-repo.js';

/**
 * The stage model against the real thing: for each Dockerfile and target, the stages BuildKit actually
 * builds (the `[stage n/m]` steps it reports, run or cached) must be exactly the stages the model says the
 * target needs. Tiny scratch-based stages: no registry, a second or so per build.
 */
const CASES: { name: string; dockerfile: string; targets: string[] }[] = [
  {
    name: 'unnamed stages and COPY --from by index',
    dockerfile:
      'FROM scratch\nCOPY a.txt /a\nFROM scratch AS named\nCOPY --from=0 /a /a0\nFROM scratch AS other\nCOPY b.txt /b\nFROM scratch AS last\nCOPY --from=named /a0 /x\n',
    targets: ['named', 'other', 'last'],
  },
  {
    name: 'FROM through a global ARG naming a stage; case-insensitive --from',
    dockerfile:
      'ARG BASE=one\nFROM scratch AS One\nCOPY a.txt /a\nFROM ${BASE} AS two\nCOPY b.txt /b\nFROM scratch AS three\nCOPY --from=TWO /b /b\n',
    targets: ['two', 'three'],
  },
  {
    name: 'RUN --mount from a stage, and a stage nothing needs',
    dockerfile:
      'FROM scratch AS tools\nCOPY busybox /bin/busybox\nFROM scratch AS data\nCOPY a.txt /a\nFROM scratch AS unused\nCOPY b.txt /b\nFROM tools AS user\nRUN --mount=type=bind,from=data,target=/d ["/bin/busybox", "cp", "/d/a", "/copied"]\n',
    targets: ['user', 'data'],
  },
  {
    name: 'a diamond: two stages from one parent, joined by COPY --from',
    dockerfile:
      'FROM scratch AS root\nCOPY a.txt /a\nFROM root AS left\nCOPY b.txt /b\nFROM root AS right\nCOPY a.txt /c\nFROM left AS join\nCOPY --from=right /c /c\n',
    targets: ['left', 'join'],
  },
  {
    // Issue 9: BuildKit's lexer removes the quotes inside ${X:-"…"} (0.8 does too), so FROM name-${X} is
    // the stage name-supported, not an image.
    name: 'quotes inside ${X:-"word"} are removed: FROM name-${X} names a stage',
    dockerfile:
      'ARG X=${X:-"supported"}\nFROM scratch AS name-supported\nCOPY a.txt /a\nFROM scratch AS other\nCOPY b.txt /b\nFROM name-${X} AS user\nCOPY b.txt /b\n',
    targets: ['user', 'other'],
  },
];

describe('the stage model agrees with BuildKit on what a target builds', async () => {
  const client = await discoverBuildClient();
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  for (const c of CASES) {
    for (const target of c.targets) {
      it(`${c.name} — target ${target}`, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'slipway-oracle-'));
        dirs.push(dir);
        writeFileSync(join(dir, 'Dockerfile'), c.dockerfile);
        writeFileSync(join(dir, 'a.txt'), 'a\n');
        writeFileSync(join(dir, 'b.txt'), 'b\n');
        copyFileSync(BUSYBOX, join(dir, 'busybox'));
        const { model, diagnostics } = parseDockerfile(c.dockerfile, 'Dockerfile');
        expect(diagnostics).toEqual([]);
        const predicted = buildOrder(model, [target]).map((k) => (/^\d+$/.test(k) ? `stage-${k}` : k));
        const out = await dockerBuild({
          client,
          dockerfile: join(dir, 'Dockerfile'),
          context: dir,
          target,
          tags: [],
          labels: {},
          buildArgs: {},
          secrets: [],
        });
        expect(out.failure).toBeNull();
        const built = new Set(
          [...out.executed, ...out.cached].map(
            (s) => (/^\[([^\] ]+) \d+\/\d+\]/.exec(s) as RegExpExecArray)[1],
          ),
        );
        expect([...built].sort()).toEqual([...predicted].sort());
      });
    }
  }
});
