import { describe, expect, it } from 'vitest';
import { buildOrder } from '../../../src/dockerfile/graph.js';
import { parseDockerfile } from '../../../src/dockerfile/parse.js';
import { GRAPH_FORMATS, type GraphView } from '../../../src/report/graph/index.js';
import { statusOverlay } from '../../../src/report/graph/status-overlay.js';
import { runRecord, stageRecord } from '../../helpers/records.js';

const DF = [
  'FROM node:24-bookworm-slim AS base',
  'RUN apt-get install -y --no-install-recommends tini',
  'FROM base AS build',
  'RUN apt-get install -y --no-install-recommends python3 make g++',
  'FROM build AS dev',
  'FROM dev AS project',
  'FROM build AS ci',
  'FROM base AS release',
  'COPY --from=ci /artefact /app',
].join('\n');

const view = (text = DF, target: string | null = null): GraphView => {
  const { model } = parseDockerfile(text, 'Dockerfile');
  return {
    model,
    stages: target ? buildOrder(model, [target]) : model.stages.map((s) => s.key),
    target,
    inputFiles: null,
  };
};

describe('graph formats', () => {
  it('json: the documented fields, and --target keeps what the target needs in build order', () => {
    const j = JSON.parse(GRAPH_FORMATS.json(view(DF, 'release'))) as {
      buildOrder: string[];
      images: string[];
      stages: Record<string, unknown>[];
    };
    expect(j.buildOrder).toEqual(['base', 'build', 'ci', 'release']);
    expect(j.images).toEqual(['node:24-bookworm-slim']);
    expect(j.stages.map((s) => [s.name, s.index, s.parent, s.baseImage, s.dependsOn, s.line])).toEqual([
      ['base', 0, null, 'node:24-bookworm-slim', [], 1],
      ['build', 1, 'base', null, ['base'], 3],
      ['ci', 4, 'build', null, ['build'], 7],
      ['release', 5, 'base', null, ['base', 'ci'], 8],
    ]);
    expect(j.stages[3]).toMatchObject({ copiesFrom: ['ci'], deps: { artefacts: ['ci:/artefact'] } });
  });

  it('mermaid and dot draw FROM edges and copy edges differently', () => {
    const m = GRAPH_FORMATS.mermaid(view());
    expect(m).toMatch(/^flowchart BT/);
    expect(m).toContain('s_release --> s_base');
    expect(m).toContain('s_ci -. COPY --from .-> s_release');
    const d = GRAPH_FORMATS.dot(view());
    expect(d).toContain('"release" -> "base" [label="FROM"];');
    expect(d).toContain('"ci" -> "release" [style=dashed');
  });

  it('ascii: base at the bottom, Name/Deps lines, the copy arrow, within 100 columns even for 8 stages in a row', () => {
    const a = GRAPH_FORMATS.ascii(view());
    const lines = a.split('\n');
    const row = (name: string) => lines.findIndex((l) => l.includes(`Name: ${name} `));
    expect(row('base')).toBeGreaterThan(row('build'));
    expect(row('build')).toBeGreaterThan(row('dev'));
    expect(row('dev')).toBeGreaterThan(row('project'));
    expect(a).toContain('Deps: python3, make, g++');
    expect(a).toContain('<== ci:/artefact');
    const wide = [
      'FROM alpine:3 AS root',
      ...Array.from({ length: 8 }, (_, i) => `FROM root AS leaf${i}\nRUN apk add pkg${i}`),
    ].join('\n');
    const w = GRAPH_FORMATS.ascii(view(wide));
    expect(Math.max(...w.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
    for (let i = 0; i < 8; i++) expect(w).toContain(`Name: leaf${i}`);
  });
});

describe('graph --status', () => {
  const withStatus = (): GraphView => {
    const records = [
      runRecord('run-2', [stageRecord('release', { test: { status: 'failed', failed: 1 } })]),
      runRecord('run-1', [
        stageRecord('base', { build: { status: 'cached' }, test: { status: 'cached' } }),
        stageRecord('release'),
      ]),
    ];
    return { ...view(), status: statusOverlay(records) };
  };

  it('each stage takes the newest record that has it; unrecorded stages say so', () => {
    const o = withStatus().status;
    expect(o?.runs).toEqual(['run-2', 'run-1']);
    expect([...(o?.stages ?? [])].map(([k, v]) => [k, v.status, v.run])).toEqual([
      ['release', 'failed', 'run-2'],
      ['base', 'cached', 'run-1'],
    ]);
    const ascii = GRAPH_FORMATS.ascii(withStatus());
    expect(ascii).toContain('Status: ✗ FAILED 10.0 MB');
    expect(ascii).toContain('Status: ↺ CACHED 10.0 MB');
    expect(ascii).toContain('Status: - not recorded');
  });

  it('mermaid classes, dot fills and the json field', () => {
    const m = GRAPH_FORMATS.mermaid(withStatus());
    expect(m).toContain(':::failed');
    expect(m).toMatch(/classDef cached fill:#dbeafe/);
    expect(m).not.toContain(':::undefined');
    expect(GRAPH_FORMATS.dot(withStatus())).toContain('"release" [label="Name: release\n✗ FAILED"');
    const j = JSON.parse(GRAPH_FORMATS.json(withStatus())) as {
      statusRuns: string[];
      stages: { status: unknown }[];
    };
    expect(j.statusRuns).toEqual(['run-2', 'run-1']);
    expect(j.stages.map((s) => (s.status as { status: string } | null)?.status ?? null)).toEqual([
      'cached',
      null,
      null,
      null,
      null,
      'failed',
    ]);
    expect(GRAPH_FORMATS.mermaid(view())).not.toContain('classDef');
  });
});
