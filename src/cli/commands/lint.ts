import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { loadIgnoreRules } from '../../context/dockerignore.js';
import { hasErrors } from '../../core/diagnostics.js';
import { contextReader } from '../../lint/context-reader.js';
import { lint } from '../../lint/lint.js';
import { RULES } from '../../lint/rules/index.js';
import { openProject } from '../../project/project.js';
import { LINT_FORMATS, type LintFormat } from '../../report/lint/index.js';
import { cwdOf, keyValues, oneOf, parse } from '../args.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';

export const lintHelp = `slipway lint [--format text|json|sarif] [--disable CODE]... [options]

Checks the Dockerfile against the one-Dockerfile pattern: release built from a stage with build
tooling, release copying from a stage other than the artefact producer, unused stages, --from that
names no stage, unpinned base images, a root release, secret-looking ARG/ENV, remote ADD without
checksum, apt-get hygiene, stages without a container spec. Exit 1 on errors, 0 on warnings only.
Silence one place with a comment line above the instruction: # slipway-ignore SW110

  --format F        text (default), json, sarif (GitHub code scanning)
  --disable CODE    skip a rule (repeatable)
  --build-arg K=V   for ARG substitution in FROM (repeatable)
  -f, --file FILE / -c, --config FILE / --cwd DIR

rules:
${RULES.map((r) => `  ${r.code} ${r.severity.padEnd(7)} ${r.name}: ${r.why}`).join('\n')}`;

export async function lintCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    disable: { type: 'string', multiple: true },
    'build-arg': { type: 'string', multiple: true },
  });
  if (values.help) {
    io.out(lintHelp);
    return EXIT.ok;
  }
  const format = oneOf(values.format, Object.keys(LINT_FORMATS) as LintFormat[], 'text', '--format');
  const project = openProject(cwdOf(values), {
    ...(values.config ? { configFile: values.config } : {}),
    ...(values.file ? { dockerfile: values.file } : {}),
    buildArgs: keyValues(values['build-arg'], '--build-arg'),
  });
  const { config, model } = project;
  const diagnostics = lint(
    {
      model,
      config,
      lines: readFileSync(config.dockerfile, 'utf8').split(/\r?\n/),
      specExists: (stage) => existsSync(join(config.root, config.specs.replaceAll('{stage}', stage))),
      readsFromRepository: contextReader(
        project.model,
        loadIgnoreRules(config.dockerfile, config.context),
        relative(config.root, config.context).split(sep).join('/'),
      ),
    },
    project.warnings,
    { disable: (values.disable ?? []).flatMap((d) => d.split(',')) },
  );
  io.out(LINT_FORMATS[format]({ file: model.file, diagnostics, rules: RULES }));
  return hasErrors(diagnostics) ? EXIT.failed : EXIT.ok;
}
