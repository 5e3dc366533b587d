import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { circleciSetupConfig } from '../../ci/circleci.js';
import { githubWorkflow } from '../../ci/github.js';
import { orphanStages, stageJobs } from '../../ci/jobs.js';
import { type CiSettings, ciSettings } from '../../ci/settings.js';
import { shellLine } from '../../ci/shell.js';
import { UserError } from '../../core/errors.js';
import type { DockerfileModel } from '../../dockerfile/stage.js';
import { invocationOf } from '../../project/invocation.js';
import { openProject } from '../../project/project.js';
import { cwdOf, keyValues, parse } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { checkUpToDate } from '../generated.js';
import { type Io, printDiagnostics } from '../io.js';
import { version } from '../version.js';

type Sub = (argv: string[], io: Io) => Promise<number>;

/** A generator subcommand: its default file, and the pure function that writes it. */
interface Generator {
  out: string;
  summary: string;
  generate: (model: DockerfileModel, s: CiSettings) => string;
}

const GENERATORS: Record<string, Generator> = {
  github: {
    out: '.github/workflows/slipway.yml',
    summary: 'write the GitHub Actions workflow: a plan job, one job per stage, publish',
    generate: githubWorkflow,
  },
  circleci: {
    out: '.circleci/config.yml',
    summary: 'write the CircleCI setup config that plans and continues with the affected stage jobs',
    generate: circleciSetupConfig,
  },
};

/** `slipway ci <sub>`: only the subcommands that exist are listed (`plan` and `job` join them here). */
const SUBCOMMANDS: Record<string, { run: Sub; summary: string }> = {
  plan: {
    run: async (a, io) => (await import('./ci-run.js')).ciPlanCommand(a, io),
    summary:
      'the plan for this CI event, written where the provider reads it (GitHub outputs, CircleCI continuation)',
  },
  job: {
    run: async (a, io) => (await import('./ci-run.js')).ciJobCommand(a, io),
    summary: 'one stage: pulled by fingerprint or built from the registry cache, tested, pushed',
  },
  ...Object.fromEntries(
    Object.entries(GENERATORS).map(([name, g]) => [
      name,
      { run: (a: string[], io: Io) => generatorCommand(name, g, a, io), summary: g.summary },
    ]),
  ),
};

export const ciHelp = () => `slipway ci <subcommand> [options]   (slipway ci <subcommand> --help)

Generates the CI that runs one job per stage of the Dockerfile (docs/ci.md).

subcommands:
${Object.entries(SUBCOMMANDS)
  .map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`)
  .join('\n')}`;

export async function ciCommand(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.out(ciHelp());
    return name ? EXIT.ok : EXIT.usage;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) {
    io.err(`slipway: unknown subcommand 'ci ${name}' (subcommands: ${Object.keys(SUBCOMMANDS).join(', ')})`);
    return EXIT.usage;
  }
  return sub.run(rest, io);
}

const generatorHelp = (name: string, g: Generator) => `slipway ci ${name} [--out FILE] [--check] [options]

${g.summary[0]?.toUpperCase()}${g.summary.slice(1)}, from the Dockerfile's stages and the
'ci:' settings of slipway.yaml (docs/ci.md). Commit the file; regenerate it when the stages change.

  -o, --out FILE    where to write it (default: ${g.out} at the repository's root; '-' for stdout)
  --check           write nothing; exit 1 when FILE differs from what would be generated
  --build-arg K=V   for ARG substitution in FROM (repeatable)
  -f, --file FILE / -c, --config FILE / --cwd DIR
                    passed on to every slipway command of the jobs (relative to the repository's root)`;

async function generatorCommand(name: string, g: Generator, argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string', short: 'o' },
    check: { type: 'boolean' },
    'build-arg': { type: 'string', multiple: true },
  });
  if (values.help) {
    io.out(generatorHelp(name, g));
    return EXIT.ok;
  }
  if (positionals.length) throw new UserError(`slipway ci ${name} takes no arguments: '${positionals[0]}'`);
  const cwd = cwdOf(values);
  const project = openProject(cwd, {
    ...(values.config ? { configFile: values.config } : {}),
    ...(values.file ? { dockerfile: values.file } : {}),
    buildArgs: keyValues(values['build-arg'], '--build-arg'),
  });
  printDiagnostics(io, project.warnings);
  const { model } = project;
  for (const s of orphanStages(model))
    io.err(
      `slipway: note: unnamed stage ${s.key} (line ${s.line}) is needed by no named stage: no job builds it`,
    );
  if (!stageJobs(model).length)
    io.err('slipway: note: the Dockerfile has no named stage: the CI plans and publishes nothing');
  const invocation = invocationOf(project);
  const settings = ciSettings(project.config, model, version(), invocation);
  const text = g.generate(model, settings);
  const target = values.out ?? g.out;
  if (target === '-') {
    if (values.check) throw new UserError('--check needs a file, not --out -');
    io.out(text);
    return EXIT.ok;
  }
  // GitHub and CircleCI read the file at the repository's root only, wherever the project is in it.
  const file = values.out ? resolve(cwd, values.out) : join(invocation.checkout, g.out);
  const shown = relative(cwd, file) || file;
  if (values.check) {
    const words = [...settings.args, ...(values.out ? ['--out', values.out] : [])];
    checkUpToDate(file, shown, text, `slipway ci ${name}${words.length ? ` ${shellLine(words)}` : ''}`);
    io.out(`${shown}: up to date`);
    return EXIT.ok;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  io.out(`wrote ${shown}`);
  return EXIT.ok;
}
