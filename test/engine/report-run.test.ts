import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/history/record.js';
import { assertReportDom, expectedStages, launchChromium, openOffline } from '../helpers/browser.js';
import { REPO, slipway } from '../helpers/cli.js';
import { leftovers, removeImagesOf } from '../helpers/engine.js';
import { tinyRepo } from '../helpers/fixture-repo.js';

/**
 * The report of a real pipeline run: a busybox web service whose spec fails one assertion, run by
 * `slipway pipeline`, then `slipway report --format html` rendered in Debian's Chromium. The DOM must show one
 * node per stage with its status, the sizes, and the failing assertion as the terminal shows it.
 */
describe('slipway report of a real pipeline run, in Chromium', () => {
  const image = `slipway-test-report-${process.pid}`;
  const out = join(REPO, 'test-artifacts', 'report');
  let browser: Browser;
  let repo: string;

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    repo = tinyRepo({
      Dockerfile: [
        'FROM scratch AS rootfs',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
        'FROM rootfs AS site',
        'COPY src/ /www/',
        'FROM rootfs AS serve',
        'COPY --from=site /www /www',
        'CMD ["/bin/busybox", "httpd", "-f", "-p", "8080", "-h", "/www"]',
        '',
      ].join('\n'),
      'src/a.txt': `report ${process.pid} ${Date.now()}\n`,
      'slipway.yaml': `image: ${image}\ndockerfile: Dockerfile\n`,
      'docker/goss.site.yaml': 'file:\n  /www/a.txt: { exists: true }\n',
      // One assertion fails: the file is 0644, the spec says 0600.
      'docker/goss.serve.yaml': 'file:\n  /www/a.txt: { exists: true, mode: "0600" }\n',
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await removeImagesOf(image);
    rmSync(repo, { recursive: true, force: true });
  });

  it('one node per stage with its status, the sizes, the failing assertion; a screenshot is kept', async () => {
    const run = await slipway(['pipeline', '--cwd', repo, '--quiet']);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(await leftovers()).toEqual([]);
    const file = join(out, 'pipeline-run.html');
    const r = await slipway(['report', '--cwd', repo, '--format', 'html', '--out', file]);
    expect(r.code, r.stderr).toBe(0);

    const dir = join(repo, '.slipway', 'runs');
    const record = JSON.parse(
      readFileSync(join(dir, readdirSync(dir).filter((f) => f.endsWith('.json'))[0] as string), 'utf8'),
    ) as RunRecord;
    expect(record.stages.find((s) => s.name === 'serve')?.test.status).toBe('failed');

    const { page, requests } = await openOffline(browser, file);
    await assertReportDom(page, expectedStages(record));
    expect(await page.locator('svg.stage-graph g.node.stage[id="node-serve"]').getAttribute('class')).toBe(
      'node stage status-failed',
    );
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toContain('File: /www/a.txt: mode');
    expect(body).toMatch(/0600/);
    expect(body).toMatch(/0644/);
    const serve = record.stages.find((s) => s.name === 'serve');
    expect(body).toContain(`${((serve?.build.sizeBytes ?? 0) / 1e6).toFixed(1)} MB`);
    await page.screenshot({ path: join(out, 'pipeline-run.png'), fullPage: true });
    expect(requests).toEqual([]);
    await page.context().close();
  });
});
