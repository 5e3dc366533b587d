import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/dockerfile/parse.js';

const stage = (text: string, i = 0) => {
  const s = parseDockerfile(text, 'Dockerfile').model.stages[i];
  if (!s) throw new Error('no stage');
  return s;
};

describe('stage facts, inputs and deps', () => {
  it('reads ENV, ARG, USER, WORKDIR, EXPOSE, ENTRYPOINT/CMD, HEALTHCHECK and LABELs', () => {
    const s = stage(
      'FROM alpine:3\nARG V=1\nENV A=1 B="two words"\nENV C 3\nWORKDIR /app\nWORKDIR sub\nUSER app\nEXPOSE 3000/tcp 9229\nLABEL org.x=y "a b"=c\nENTRYPOINT ["tini", "--"]\nCMD node main.js\nHEALTHCHECK --interval=5s CMD wget -q -O- localhost\n',
    );
    expect(s.facts).toEqual({
      env: { A: '1', B: 'two words', C: '3' },
      args: ['V'],
      user: 'app',
      workdir: '/app/sub',
      expose: ['3000/tcp', '9229'],
      entrypoint: '["tini","--"]',
      cmd: 'node main.js',
      healthcheck: 'CMD wget -q -O- localhost',
      labels: { 'org.x': 'y', 'a b': 'c' },
    });
  });

  it('lists context inputs: COPY/ADD sources (exec form too), remote and git ADD, bind mounts; not heredocs or --from', () => {
    const s = stage(
      'FROM alpine:3 AS a\nFROM alpine:3\nCOPY ["src dir/", "./pkg.json", "/app/"]\nADD https://x.io/a.tgz /a\nADD git@github.com:o/r.git /r\nCOPY <<EOF /f\nhi\nEOF\nCOPY --from=a /x /x\nRUN --mount=type=bind,target=/w make\n',
      1,
    );
    expect(s.inputs.map((i) => [i.kind, i.pattern, i.via])).toEqual([
      ['context', 'src dir', 'COPY'],
      ['context', 'pkg.json', 'COPY'],
      ['remote', 'https://x.io/a.tgz', 'ADD'],
      ['git', 'git@github.com:o/r.git', 'ADD'],
      ['context', '**', 'RUN --mount'],
    ]);
  });

  it('summarises packages, global tools and copied artefacts', () => {
    const s = stage(
      'FROM alpine:3 AS ci\nFROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    python3 make g++ && rm -rf /var/lib/apt/lists/*\nRUN apk add --no-cache curl\nRUN npm install -g typescript@5 && pip install --no-cache-dir yamllint\nCOPY --from=ci /artefact/ /app/\n',
      1,
    );
    expect(s.deps).toEqual({
      packages: ['python3', 'make', 'g++', 'curl'],
      tools: ['typescript@5', 'yamllint'],
      artefacts: ['ci:/artefact/'],
    });
  });
});
