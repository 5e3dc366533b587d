import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circleciSetupConfig } from '../../../src/ci/circleci.js';
import { githubWorkflow } from '../../../src/ci/github.js';
import { ciSettings } from '../../../src/ci/settings.js';
import { openProject } from '../../../src/project/project.js';
import { parseGithub } from '../../helpers/ci.js';
import { REPO } from '../../helpers/cli.js';

/** This repository runs the CI slipway generates for it: the committed files must be exactly that. */
describe("this repository's generated CI", () => {
  const project = openProject(REPO);
  const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string })
    .version;
  const settings = ciSettings(project.config, project.model, version);
  const committed = (p: string) => readFileSync(join(REPO, p), 'utf8');

  it('.github/workflows/slipway.yml is what `slipway ci github` writes, and GitHub would accept it', async () => {
    const text = committed('.github/workflows/slipway.yml');
    expect(text, 'run `node bin/slipway.js ci github` and commit the result').toBe(
      githubWorkflow(project.model, settings),
    );
    expect((await parseGithub(text)).errors).toEqual([]);
    expect(text).toContain('run: bash scripts/setup.sh');
    expect(text).toContain('run: node bin/slipway.js ci job release ');
  });

  it('.circleci/config.yml is what `slipway ci circleci` writes', () => {
    expect(
      committed('.circleci/config.yml'),
      'run `node bin/slipway.js ci circleci` and commit the result',
    ).toBe(circleciSetupConfig(project.model, settings));
  });
});
