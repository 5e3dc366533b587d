import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';

const run = promisify(execFile);
const depcruise = (cwd: string) =>
  run(
    join(REPO, 'node_modules/.bin/depcruise'),
    ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
    {
      cwd,
    },
  ).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

/**
 * The import-direction check ./scripts/test runs: it passes on this repository, and the same rules fail a tree
 * with a forbidden import (the observing side importing the declaring side, or an observer anything of it but
 * the contract's types; a formatter outside cli/).
 */
describe('import directions', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('this repository keeps them', async () => {
    const r = await depcruise(REPO);
    expect(r.out).toMatch(/no dependency violations found/);
    expect(r.code).toBe(0);
  });

  it('a forbidden import fails the check, naming the rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-imports-'));
    dirs.push(dir);
    copyFileSync(join(REPO, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
    );
    const files: Record<string, string> = {
      'src/core/errors.ts': 'export const x = 1;\n',
      'src/gossfile/declared.ts': "import { x } from '../core/errors.js';\nexport const expected = x;\n",
      // The observing side reading what a spec expects.
      'src/probe/observe.ts':
        "import { expected } from '../gossfile/declared.js';\nexport const seen = expected;\n",
      // An observer reading a declared resource, and one running code of the declaring side.
      'src/gossfile/observation.ts': 'export type Observed = { value: unknown };\nexport const seen = 1;\n',
      'src/check/system/port.ts':
        "import { expected } from '../../gossfile/declared.js';\nexport const listening = expected;\n",
      'src/check/system/file.ts':
        "import { seen } from '../../gossfile/observation.js';\nexport const exists = seen;\n",
      'src/check/system/user.ts':
        "import type { Observed } from '../../gossfile/observation.js';\nexport const u: Observed = { value: 1 };\n",
      // A formatter imported by the pipeline.
      'src/report/text.ts': 'export const format = (s: string) => s;\n',
      'src/pipeline/pipeline.ts':
        "import { format } from '../report/text.js';\nexport const out = format('x');\n",
    };
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), text);
    }
    const r = await depcruise(dir);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/observing-never-declares: src\/probe\/observe\.ts → src\/gossfile\/declared\.ts/);
    expect(r.out).toMatch(/only-cli-formats: src\/pipeline\/pipeline\.ts → src\/report\/text\.ts/);
    expect(r.out).toMatch(
      /observers-see-no-expectations: src\/check\/system\/port\.ts → src\/gossfile\/declared\.ts/,
    );
    expect(r.out).toMatch(
      /observers-import-types-only: src\/check\/system\/file\.ts → src\/gossfile\/observation\.ts/,
    );
    // The contract's types are what an observer may take.
    expect(r.out).not.toMatch(/src\/check\/system\/user\.ts/);
  });
});
