import { parseConfig } from '../../src/config/load.js';
import { ignoreRules } from '../../src/context/dockerignore.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { contextReader } from '../../src/lint/context-reader.js';
import type { LintContext } from '../../src/lint/rule.js';

/** A lint context from Dockerfile text: default roles, specs present for `specs` stages only. */
export function lintContext(
  text: string,
  opts: { specs?: string[]; config?: string; dockerignore?: string } = {},
): LintContext {
  const { model, diagnostics } = parseDockerfile(text, 'Dockerfile', { platform: 'linux/amd64' });
  if (diagnostics.some((d) => d.severity === 'error'))
    throw new Error(`fixture does not parse: ${JSON.stringify(diagnostics)}`);
  return {
    model,
    config: parseConfig(opts.config ?? 'image: t\n', '/r/slipway.yaml'),
    lines: text.split('\n'),
    specExists: (s) => (opts.specs ?? model.stages.map((x) => x.key)).includes(s),
    readsFromRepository: contextReader(
      model,
      ignoreRules('.dockerignore', opts.dockerignore ?? '.slipway\n'),
      '',
    ),
  };
}
