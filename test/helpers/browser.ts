import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { RunRecord } from '../../src/history/record.js';
import { type ReportStatus, stageStatus } from '../../src/report/run/index.js';

/** Debian's Chromium (./scripts/test installs it), or SLIPWAY_CHROMIUM. */
export const CHROMIUM = process.env.SLIPWAY_CHROMIUM ?? '/usr/bin/chromium';

/** Headless Chromium through playwright-core: no download, a fresh profile, nothing phoning home. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: ./scripts/test installs Debian's chromium (or set SLIPWAY_CHROMIUM)`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens a local HTML file with JavaScript off; every request other than the file itself is refused and
 * returned, so a test can assert the page fetched nothing. Close with `page.context().close()`.
 */
export async function openOffline(
  browser: Browser,
  file: string,
): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1200, height: 900 },
  });
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    requests.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(url);
  return { page, requests };
}

const WORDS: Record<ReportStatus, string> = {
  skipped: 'SKIPPED',
  cached: 'CACHED',
  built: 'BUILT',
  tested: 'TESTED',
  failed: 'FAILED',
};

/** What the record says each stage became: what the page must show. */
export const expectedStages = (r: RunRecord) =>
  r.stages.map((s) => ({ name: s.name, status: stageStatus(s) }));

/**
 * The DOM of an HTML report against the stages it must show: exactly one graph node per stage, with its
 * status class, name, status word and title; the stage table's badge and the stage section's status.
 */
export async function assertReportDom(
  page: Page,
  stages: { name: string; status: ReportStatus }[],
): Promise<void> {
  const nodes = page.locator('svg.stage-graph g.node.stage');
  expect(await nodes.count()).toBe(stages.length);
  for (const s of stages) {
    const node = page.locator(`svg.stage-graph g.node.stage[id="node-${s.name}"]`);
    expect(await node.count(), `one node for ${s.name}`).toBe(1);
    expect(await node.getAttribute('class')).toBe(`node stage status-${s.status}`);
    const text = (await node.locator('text').allTextContents()).join(' ');
    expect(text).toContain(s.name);
    expect(text, `the status word of ${s.name}`).toContain(WORDS[s.status]);
    expect(await node.locator('title').textContent()).toContain(`${s.name}: ${WORDS[s.status]}`);
    const row = page.locator(`table.stages tr[data-stage="${s.name}"]`);
    expect(await row.locator('.badge').textContent()).toContain(WORDS[s.status]);
    expect(await page.locator(`section#stage-${s.name}`).getAttribute('data-status')).toBe(s.status);
  }
}
