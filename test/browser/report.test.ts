import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../src/cli/render-report.js';
import type { RunRecord } from '../../src/history/record.js';
import { assertReportDom, expectedStages, launchChromium, openOffline } from '../helpers/browser.js';
import { REPO } from '../helpers/cli.js';
import { failingRun, model, previousRun } from '../helpers/report-fixture.js';

/**
 * The HTML report as a person sees it: Debian's Chromium (installed by ./scripts/test), driven by
 * playwright-core, JavaScript off, every request other than the file itself refused and counted. Screenshots
 * go to test-artifacts/report/ (ignored by git). The engine test of a real pipeline run uses the same helpers.
 */
const OUT = join(REPO, 'test-artifacts', 'report');

let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const open = (file: string) => openOffline(browser, file);
const expected = expectedStages;
const assertReport = assertReportDom;

async function write(name: string, records: RunRecord[]): Promise<string> {
  const { text } = await renderReport(records, model(), {
    format: 'html',
    roles: { base: 'base', release: 'release' },
    stale: null,
  });
  const file = join(OUT, name);
  writeFileSync(file, text);
  return file;
}

describe('the HTML report in Chromium', () => {
  it('a failing run: one node per stage with its status, sizes in the tables, the failing assertion', async () => {
    const record = failingRun();
    const { page, requests } = await open(await write('report.html', [record, previousRun()]));
    await assertReport(page, expected(record));

    // Sizes, and the change against the previous recorded run.
    const release = page.locator('table.stages tr[data-stage="release"]');
    expect((await release.locator('td.num').allTextContents()).map((t) => t.trim())).toEqual([
      '4.2s',
      '352.4 MB',
      '+25.9 MB',
    ]);
    expect(await page.locator('table.stages tr[data-stage="dev"] td.num').nth(1).textContent()).toBe('-');
    const layers = page.locator('#stage-release table.layers tbody tr');
    expect(await layers.count()).toBe(4);
    expect(await page.locator('#stage-release table.layers tr.largest').count()).toBe(2);
    expect(await layers.nth(2).textContent()).toMatch(
      /COPY \/app\/dist \/app\/dist.*largest.*28\.6 MB.*\+25\.9 MB/s,
    );

    // The failing assertion: expected vs observed, and as the terminal shows it.
    const failure = page.locator('#stage-release table.failures tbody tr');
    expect(await failure.count()).toBe(1);
    expect((await failure.locator('td').allTextContents()).map((t) => t.trim())).toEqual([
      'File: /app/node_modules/.bin/tsc',
      'exists',
      'false',
      'true',
    ]);
    expect(await page.locator('#stage-release pre.assertions').textContent()).toBe(
      'File: /app/node_modules/.bin/tsc: exists: Expected true to equal false',
    );
    expect(await page.locator('.problems').first().textContent()).toContain(
      'budget exceeded: stage release is 352.4 MB',
    );
    expect(await page.locator('table.release').textContent()).toContain('990.4 MB');

    // Accessible: headings in order, every table with header cells, the graph with a name.
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('h2').allTextContents()).toEqual([
      'Summary',
      'Stage graph',
      'Stages',
      'Per stage',
      'Release budget',
      'Recorded runs',
    ]);
    for (const t of await page.locator('table').all())
      expect(await t.locator('th').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.stage-graph').getAttribute('aria-label')).toContain('release failed');
    // Each node links to its stage's section, without JavaScript.
    expect(await page.locator('svg.stage-graph g#node-release a').getAttribute('xlink:href')).toBe(
      '#stage-release',
    );

    await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('svg.stage-graph').isVisible()).toBe(true);
    await page.screenshot({ path: join(OUT, 'report-print.png'), fullPage: true });
    expect(requests, 'the page fetched nothing').toEqual([]);
    await page.context().close();
  });

  it('the DOM assertions catch a broken report (a stage node missing, a wrong status)', async () => {
    const record = failingRun();
    const good = await write('report.html', [record, previousRun()]);
    const html = readFileSync(good, 'utf8');
    const missing = join(OUT, 'broken-missing-node.html');
    writeFileSync(
      missing,
      html.replace(/<g id="node-dev" class="node stage status-skipped">[\s\S]*?<\/g>\n<\/g>/, ''),
    );
    const wrong = join(OUT, 'broken-wrong-status.html');
    writeFileSync(
      wrong,
      html.replace('class="node stage status-failed"', 'class="node stage status-tested"'),
    );
    for (const file of [missing, wrong]) {
      expect(readFileSync(file, 'utf8')).not.toBe(html);
      const { page } = await open(file);
      await expect(assertReport(page, expected(record))).rejects.toThrow();
      await page.context().close();
    }
  });

  it('a page that fetches something is caught', async () => {
    const file = join(OUT, 'broken-fetches.html');
    writeFileSync(file, '<!doctype html><title>x</title><img alt="" src="http://127.0.0.1:9/pixel.png">');
    const { page, requests } = await open(file);
    expect(requests).toEqual(['http://127.0.0.1:9/pixel.png']);
    await page.context().close();
  });
});
