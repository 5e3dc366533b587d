import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckReport } from '../check/check-image.js';
import { junitSuite } from '../report/check/index.js';

/** One JUnit file per checked stage (`<testsuite name="<stage>">`), for CI test reports. */
export function writeJunitFiles(dir: string, reports: readonly CheckReport[]): void {
  mkdirSync(dir, { recursive: true });
  for (const r of reports)
    writeFileSync(
      join(dir, `${r.label.replace(/[^A-Za-z0-9_.-]/g, '_')}.xml`),
      `<?xml version="1.0" encoding="UTF-8"?>\n${junitSuite(r)}\n`,
    );
}
