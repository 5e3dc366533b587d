import { resolve } from 'node:path';
import { stageTag } from '../../build/run.js';
import { type CheckReport, checkImage } from '../../check/run.js';
import { loadSpecs, specFileOf } from '../../check/specs.js';
import type { TestRun } from '../../config/model.js';
import { UserError } from '../../core/errors.js';
import { openProject, selectStages } from '../../project/project.js';
import { CHECK_FORMATS, type CheckFormat } from '../../report/check/index.js';
import { cwdOf, keyValues, oneOf, parse } from '../args.js';
import { engineSession } from '../engine-context.js';
import { EXIT } from '../exit-codes.js';
import { type Io, printDiagnostics } from '../io.js';
import { writeJunitFiles } from '../junit.js';
import { requireImage } from '../spec-target.js';

export const testHelp = `slipway test [STAGE...] [options]
slipway test --image REF --spec FILE [options]

Checks each stage's image against its container test spec (goss format, docker/goss.<stage>.yaml by
default): file, user, group and package from the image's filesystem without running it; command,
process, port and http against the image running (looked at from a busybox helper sharing its
namespaces). Every container slipway starts is removed afterwards. Images must be built (slipway build).

  --image REF            check any local image (no Dockerfile or config needed); needs --spec
  --spec FILE            the spec file (default: the config's pattern, per stage)
  --format F             documentation (default), json, junit, tap, rspecish, structured, silent
  --junit-dir DIR        also write one JUnit file per stage (<testsuite name="<stage>">)
  --retry-timeout SECS   re-run failing checks until they pass or this much time passed (default 0)
  --sleep SECS           pause between retries (default 1)
  --max-concurrent N     checks run at once (default 50)
  --entrypoint CMD       run the image with this entrypoint for the live checks (JSON list or words)
  --cmd CMD              ... and this command, for stages whose own CMD exits (JSON list or words)
  --env NAME=VALUE       environment for the container (repeatable)
                         (per stage in slipway.yaml: test: { <stage>: { entrypoint, cmd, env } })
  --vars FILE / --vars-inline JSON   values for {{.Vars.x}} in specs
  --strict               spec warnings are errors (what goss runs but reports failed: mode: 0755,
                         an unknown matcher...; deprecations): exit 2 before any container starts
  -c, --config FILE / --cwd DIR`;

export async function testCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    image: { type: 'string' },
    spec: { type: 'string' },
    'junit-dir': { type: 'string' },
    'retry-timeout': { type: 'string' },
    sleep: { type: 'string' },
    'max-concurrent': { type: 'string' },
    vars: { type: 'string' },
    'vars-inline': { type: 'string' },
    entrypoint: { type: 'string' },
    cmd: { type: 'string' },
    env: { type: 'string', multiple: true },
    strict: { type: 'boolean' },
  });
  if (values.help) {
    io.out(testHelp);
    return EXIT.ok;
  }
  const format = oneOf(
    values.format,
    Object.keys(CHECK_FORMATS) as CheckFormat[],
    'documentation',
    '--format',
  );
  const cwd = cwdOf(values);
  const targets: { label: string; image: string; spec: string; run?: TestRun }[] = [];
  const given: TestRun = {
    env: keyValues(values.env, '--env'),
    ...(values.entrypoint !== undefined
      ? { entrypoint: commandLine(values.entrypoint, '--entrypoint') }
      : {}),
    ...(values.cmd !== undefined ? { cmd: commandLine(values.cmd, '--cmd') } : {}),
  };
  if (values.image) {
    if (!values.spec) throw new UserError('--image needs --spec FILE');
    targets.push({ label: values.image, image: values.image, spec: resolve(cwd, values.spec), run: given });
  } else {
    const project = openProject(cwd, values.config ? { configFile: values.config } : {});
    const stages = selectStages(project.model, positionals);
    for (const s of stages) {
      const spec = values.spec
        ? resolve(cwd, values.spec)
        : specFileOf(project.config.root, project.config.specs, s.key);
      // The command line wins over the stage's `test:` settings in slipway.yaml.
      const configured = project.config.test[s.key] ?? { env: {} };
      // An --entrypoint given alone drops the image's CMD (as docker run does), and so the configured cmd too.
      const base = given.entrypoint && !given.cmd ? { env: configured.env } : configured;
      const run: TestRun = { ...base, ...given, env: { ...configured.env, ...given.env } };
      if (spec) targets.push({ label: s.key, image: stageTag(project, s.key), spec, run });
      else if (positionals.length)
        throw new UserError(
          `stage '${s.key}' has no spec (${project.config.specs.replace('{stage}', s.key)})`,
        );
    }
    if (!targets.length) throw new UserError(`no stage has a container spec (${project.config.specs})`);
  }
  const { specs, warnings } = loadSpecs(
    targets.map((t) => t.spec),
    cwd,
    { varsFile: values.vars, varsInline: values['vars-inline'], strict: Boolean(values.strict) },
  );
  printDiagnostics(io, warnings);
  const ctx = await engineSession(io);
  for (const t of targets) await requireImage(ctx.docker, t.image, values.image ? null : t.label);
  const reports: CheckReport[] = [];
  for (const t of targets) {
    reports.push(
      await checkImage(
        ctx.docker,
        ctx.helper,
        t.image,
        t.label,
        specs.get(t.spec) as NonNullable<ReturnType<typeof specs.get>>,
        {
          session: ctx.session,
          maxConcurrent: positiveInt(values['max-concurrent'], '--max-concurrent', 50),
          retryTimeoutMs: seconds(values['retry-timeout'], '--retry-timeout', 0),
          sleepMs: seconds(values.sleep, '--sleep', 1000),
          ...(t.run ? { run: t.run } : {}),
        },
      ),
    );
  }
  if (values['junit-dir']) writeJunitFiles(values['junit-dir'], reports);
  const text = CHECK_FORMATS[format](reports);
  if (text) io.out(text);
  return reports.every((r) => r.ok) ? EXIT.ok : EXIT.failed;
}

function seconds(v: string | undefined, flag: string, fallback: number): number {
  if (v === undefined) return fallback;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(v);
  if (!m) throw new UserError(`${flag} expects a duration like 30s, 500ms or 2m; got '${v}'`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
}

/** A command given on the command line: a JSON list (exec form) or words split on spaces. */
function commandLine(v: string, flag: string): string[] {
  if (v.trim().startsWith('[')) {
    try {
      const list = JSON.parse(v) as unknown;
      if (Array.isArray(list) && list.length && list.every((x) => typeof x === 'string')) return list;
    } catch {
      /* reported below */
    }
    throw new UserError(`${flag} expects a JSON list of strings or a command; got '${v}'`);
  }
  const words = v.trim().split(/\s+/).filter(Boolean);
  if (!words.length) throw new UserError(`${flag} expects a command`);
  return words;
}

function positiveInt(v: string | undefined, flag: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`${flag} expects a positive integer; got '${v}'`);
  return n;
}
