import { describe, expect, it } from 'vitest';
import { layoutSvg } from '../../../src/cli/layout.js';
import { mergeRecords } from '../../../src/history/carried.js';
import { REPORT_FORMATS, reportData, stageStatus, statusDot } from '../../../src/report/run/index.js';
import { GITHUB_COMMENT_LIMIT, reportMarkdown } from '../../../src/report/run/markdown.js';
import { inlineSvg } from '../../../src/report/run/svg.js';
import { runRecord, stageRecord } from '../../helpers/records.js';
import { failingRun, model, previousRun } from '../../helpers/report-fixture.js';

const roles = { base: 'base', release: 'release' };
const data = () => reportData([failingRun(), previousRun()], model(), { roles, stale: null });

describe('stageStatus', () => {
  it('failed > tested > built > cached > skipped', () => {
    expect(stageStatus(stageRecord('a', { test: { status: 'failed' } }))).toBe('failed');
    expect(stageStatus(stageRecord('a', { build: { status: 'failed' }, test: { status: 'skipped' } }))).toBe(
      'failed',
    );
    expect(stageStatus(stageRecord('a', { build: { status: 'cached' } }))).toBe('tested');
    expect(stageStatus(stageRecord('a', { test: { status: 'none' } }))).toBe('built');
    expect(stageStatus(stageRecord('a', { build: { status: 'cached' }, test: { status: 'cached' } }))).toBe(
      'cached',
    );
    expect(stageStatus(stageRecord('a', { build: { status: 'skipped' }, test: { status: 'skipped' } }))).toBe(
      'skipped',
    );
  });
});

describe('reportData', () => {
  it('every stage of the model with its status, reasons, size change and layers against the previous run', () => {
    const d = data();
    expect(d.stages.map((s) => [s.name, s.status])).toEqual([
      ['base', 'cached'],
      ['build', 'tested'],
      ['dev', 'skipped'],
      ['ci', 'built'],
      ['release', 'failed'],
    ]);
    expect(d.summary).toEqual({ skipped: 1, cached: 1, built: 1, tested: 1, failed: 1 });
    const rel = d.stages.find((s) => s.name === 'release');
    expect(rel?.size).toEqual({
      bytes: 352.4e6,
      previousBytes: 326.5e6,
      deltaBytes: 352.4e6 - 326.5e6,
      previousRun: '2026-11-24T09-00-00-000Z-aaaaaa',
    });
    expect(rel?.layers.map((l) => [l.largest, l.deltaBytes])).toEqual([
      [true, 0],
      [false, 0],
      [true, 25.9e6],
      [false, 0],
    ]);
    expect(rel?.test.failures[0]).toMatchObject({
      expected: 'false',
      found: 'true',
      text: 'File: /app/node_modules/.bin/tsc: exists: Expected true to equal false',
    });
    expect(rel?.summary).toBe('failed: 1 of 9 assertions');
    expect(d.stages.find((s) => s.name === 'dev')?.summary).toBe('skipped');
  });

  it('edges by how a stage uses another; the external image; the release budget numbers', () => {
    const d = data();
    expect(d.edges.map((e) => `${e.from}-${e.via}->${e.to}`)).toEqual([
      'node:24-bookworm-slim-from->base',
      'base-from->build',
      'build-from->dev',
      'build-from->ci',
      'build-mount->ci',
      'base-from->release',
      'ci-copy->release',
    ]);
    expect(d.images).toEqual(['node:24-bookworm-slim']);
    expect(d.release).toMatchObject({
      stage: 'release',
      sizeBytes: 352.4e6,
      baseBytes: 323.8e6,
      naiveBytes: 990.4e6,
    });
    expect(d.release?.artefactBytes).toBeCloseTo(28.6e6, -3);
    expect(d.release?.naiveRatio).toBeCloseTo(0.356, 3);
    expect(d.release?.budgets[0]?.ok).toBe(false);
  });

  it('a stage the record lacks is skipped; a recorded stage the Dockerfile lost is kept; staleness is passed through', () => {
    const r = runRecord('r', [stageRecord('base'), stageRecord('old')]);
    const d = reportData([r], model(), { roles, stale: { stale: true, text: 'HEAD moved' } });
    expect(d.stages.map((s) => [s.name, s.status, s.recorded])).toEqual([
      ['base', 'tested', true],
      ['build', 'skipped', false],
      ['dev', 'skipped', false],
      ['ci', 'skipped', false],
      ['release', 'skipped', false],
      ['old', 'tested', true],
    ]);
    expect(d.stale).toEqual({ stale: true, text: 'HEAD moved' });
    expect(d.stages[0]?.size.deltaBytes).toBeNull();
    expect(reportData([r], null, { roles }).edges).toEqual([]);
  });
});

describe('the status graph', () => {
  it('DOT: one node per stage with its status class, word, reasons tooltip and link; edges styled by kind', () => {
    const dot = statusDot(data());
    expect(dot).toContain(
      '"release" [id="node-release", class="stage status-failed", label="release\\n✗ FAILED\\n352.4 MB (+25.9 MB)"',
    );
    expect(dot).toContain('tooltip="release: failed: 1 of 9 assertions\\nci changed (COPY --from=ci)"');
    expect(dot).toContain('URL="#stage-release"');
    expect(dot).toContain('"ci" -> "release" [class="edge-copy", style=dashed');
    expect(dot).toContain('"build" -> "ci" [class="edge-mount", style=dotted');
    expect(dot).toContain('"image:node:24-bookworm-slim" -> "base" [class="edge-from", style=solid');
  });

  it('laid out by Graphviz (WebAssembly) and made inline: titles carry status and reasons', async () => {
    const d = data();
    const svg = inlineSvg(await layoutSvg(statusDot(d)), d);
    expect(
      svg.startsWith('<svg role="img" aria-label="Stage graph: base cached, build tested, dev skipped'),
    ).toBe(true);
    expect(svg).not.toMatch(/<\?xml|<!DOCTYPE|<!--/);
    expect(svg.match(/class="node stage status-/g)).toHaveLength(5);
    expect(svg).toContain(
      '<title>release: FAILED — failed: 1 of 9 assertions\nci changed (COPY --from=ci)</title>',
    );
  });
});

describe('formats', () => {
  it('html: self-contained (no script, no fetched resource), headings and table headers, the svg inline', () => {
    const html = REPORT_FORMATS.html(data(), {
      svg: '<svg xmlns="http://www.w3.org/2000/svg"><g id="node1" class="node"><title>x</title></g></svg>',
    });
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('<svg role="img"');
    expect(html).toMatch(
      /<h1>Pipeline report <span class="badge verdict status-failed">✗ FAILED<\/span><\/h1>/,
    );
    expect(html).toContain('<th scope="col">Expected</th><th scope="col">Observed</th>');
    expect(html).toContain('id="stage-release" data-stage="release" data-status="failed"');
    expect(REPORT_FORMATS.html(data(), { svg: null })).toContain('The graph was not laid out');
  });

  it('json is the data', () => {
    const d = data();
    expect(JSON.parse(REPORT_FORMATS.json(d))).toEqual(JSON.parse(JSON.stringify(d)));
  });

  it('markdown: mermaid with status classes, the tables, what failed; untruncated when it fits', () => {
    const md = REPORT_FORMATS.markdown(data(), {});
    expect(md).toContain('```mermaid\nflowchart BT\n');
    expect(md).toContain('s_release["<b>release</b><br/>✗ FAILED<br/>352.4 MB (+25.9 MB)"]:::failed');
    expect(md).toContain('classDef failed fill:#fecaca,stroke:#b91c1c,color:#111827,stroke-width:3px');
    expect(md).toContain('s_ci -.->|COPY --from| s_release');
    expect(md).toContain(
      '| **release** | ✗ failed | build | ci changed (COPY --from=ci) | 4.2s | 352.4 MB | +25.9 MB | 8/9 (**1 failed**) |',
    );
    expect(md).toContain('| `File: /app/node_modules/.bin/tsc` | exists | `false` | `true` |');
    expect(md).not.toContain('Truncated');
  });

  it('markdown of a huge record stays within GitHub comment limit, says it was truncated, fences closed', () => {
    const stages = Array.from({ length: 120 }, (_, i) =>
      stageRecord(`stage${i}`, {
        reasons: [{ kind: 'file', text: `src/${'x'.repeat(100)}/${i}.ts changed` }],
        build: {
          layers: Array.from({ length: 60 }, (_, j) => ({
            instruction: `RUN step ${j} ${'y'.repeat(150)}`,
            sizeBytes: j * 1e5,
          })),
        },
        test: {
          status: 'failed',
          count: 200,
          failed: 80,
          failures: Array.from({ length: 80 }, (_, k) => ({
            resourceType: 'File',
            resourceId: `/etc/${k}`,
            property: 'contents',
            expected: 'z'.repeat(300),
            found: 'w'.repeat(300),
            message: null,
          })),
        },
      }),
    );
    const d = reportData([runRecord('huge', stages)], null, { roles });
    const full = JSON.stringify(d).length;
    expect(full).toBeGreaterThan(10 * GITHUB_COMMENT_LIMIT);
    const md = reportMarkdown(d);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md).toContain("Truncated to fit GitHub's 65,536-character comment limit");
    expect((md.match(/^```/gm) ?? []).length % 2).toBe(0);
    expect(md).toMatch(/more (layers|failing assertions|stages) not shown/);
    const tiny = reportMarkdown(d, { limit: 2000 });
    expect(tiny.length).toBeLessThanOrEqual(2000);
    expect((tiny.match(/^```/gm) ?? []).length % 2).toBe(0);
    expect(tiny).toContain('Truncated');
  });
});

describe('mergeRecords (the records CI jobs carried)', () => {
  it('one run of every stage: earliest start, latest end, ok only if every part was', () => {
    const a = runRecord('job-base', [stageRecord('base')], {
      startedAt: '2026-11-25T10:00:00.000Z',
      durationMs: 10_000,
      kind: 'ci-job',
    });
    const b = runRecord('job-release', [stageRecord('release', { test: { status: 'failed', failed: 1 } })], {
      startedAt: '2026-11-25T10:00:05.000Z',
      durationMs: 20_000,
      kind: 'ci-job',
    });
    const m = mergeRecords([a, b, stageRecord('ci')]);
    expect(m.stages.map((s) => s.name)).toEqual(['base', 'release', 'ci']);
    expect([m.kind, m.startedAt, m.durationMs, m.ok]).toEqual([
      'ci-job',
      '2026-11-25T10:00:00.000Z',
      25_000,
      false,
    ]);
    expect(m.id).toMatch(/^merged-2026-11-25T10-00-00-000Z$/);
  });
});
