import { resolve } from 'node:path';
import type Docker from 'dockerode';
import { type CheckReport, checkContainer, checkImage } from '../../check/check-image.js';
import { envMap, loadSpecs, specFileOf, targetEnv } from '../../check/specs.js';
import type { TestNetwork, TestRun } from '../../config/config.js';
import {
  capability,
  companionName,
  hostEntry,
  networkName,
  subnet,
  tmpfsMount,
  volumeMount,
} from '../../config/test-run.js';
import { UserError } from '../../core/errors.js';
import type { Spec } from '../../gossfile/index.js';
import { openProject, selectStages } from '../../project/project.js';
import { CHECK_FORMATS, type CheckFormat } from '../../report/check/index.js';
import { stageTag } from '../../stages/build-stages.js';
import { cwdOf, keyValues, oneOf, parse } from '../args.js';
import { engineSession } from '../engine-context.js';
import { EXIT } from '../exit-codes.js';
import { type Io, printDiagnostics } from '../io.js';
import { writeJunitFiles } from '../junit.js';
import { requireImage } from '../spec-target.js';

export const testHelp = `slipway test [STAGE...] [options]
slipway test --image REF --spec FILE [options]
slipway test --container NAME|ID --spec FILE [options]

Checks each stage's image against its container test spec (goss format, docker/goss.<stage>.yaml by
default): file, user, group and package from the image's filesystem without running it; command,
process, port and http against the image running (looked at from a busybox helper sharing its
namespaces). Every container slipway starts is removed afterwards. Images must be built (slipway build).

  --image REF            check any local image (no Dockerfile or config needed); needs --spec
  --container NAME|ID    check a container that is already running (left as it was); needs --spec
  --spec FILE            the spec file (default: the config's pattern, per stage)
  --format F             documentation (default), json, junit, tap, rspecish, structured, silent
  --junit-dir DIR        also write one JUnit file per stage (<testsuite name="<stage>">)
  --retry-timeout SECS   re-run failing checks until they pass or this much time passed (default: the
                         stage's test.<stage>.retryTimeout, else 0)
  --sleep SECS           pause between retries (default: test.<stage>.sleep, else 1)
  --max-concurrent N     checks run at once (default 50)
  --entrypoint CMD       run the image with this entrypoint for the live checks (JSON list or words)
  --cmd CMD              ... and this command, for stages whose own CMD exits (JSON list or words)
  --env NAME=VALUE       environment for the container (repeatable)
  --user USER            run it as USER (name, uid, uid:gid)
  --systemd              boot it as a systemd system: /sbin/init, tmpfs /run and /run/lock, cgroups,
                         SIGRTMIN+3 to stop; checks wait until systemctl is-system-running settles
  --privileged, --cap-add CAP, --tmpfs PATH[:OPTS], -v, --volume SRC:DST[:ro], --add-host NAME:IP
                         as docker run's (the list flags repeatable)
  --network NAME         join an existing network
  --companion NAME=IMAGE start IMAGE as NAME on a network slipway creates for the run (repeatable),
                         with --subnet CIDR and --internal; all removed afterwards
                         (per stage in slipway.yaml: test: { <stage>: { entrypoint, cmd, env, user,
                         systemd, privileged, capAdd, tmpfs, volumes, addHost, network } })
  --vars FILE / --vars-inline JSON   values for {{.Vars.x}} in specs
  --strict               spec warnings are errors (what goss runs but reports failed: mode: 0755,
                         an unknown matcher...; deprecations): exit 2 before any container starts
  --build-arg K=V        build argument (repeatable), as slipway build takes it
  -c, --config FILE / --cwd DIR / -f, --file DOCKERFILE`;

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
    container: { type: 'string' },
    entrypoint: { type: 'string' },
    cmd: { type: 'string' },
    env: { type: 'string', multiple: true },
    user: { type: 'string' },
    systemd: { type: 'boolean' },
    privileged: { type: 'boolean' },
    'cap-add': { type: 'string', multiple: true },
    tmpfs: { type: 'string', multiple: true },
    volume: { type: 'string', multiple: true, short: 'v' },
    'add-host': { type: 'string', multiple: true },
    network: { type: 'string' },
    companion: { type: 'string', multiple: true },
    subnet: { type: 'string' },
    internal: { type: 'boolean' },
    strict: { type: 'boolean' },
    'build-arg': { type: 'string', multiple: true },
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
  const targets: { label: string; image: string; spec: string; run?: TestRun; container?: true }[] = [];
  const given = runFlags(values, cwd);
  if (values.container) {
    if (!values.spec) throw new UserError('--container needs --spec FILE');
    if (values.image || positionals.length)
      throw new UserError('--container checks one container: no --image or STAGE');
    const runFlag = RUN_FLAGS.find((f) => values[f] !== undefined);
    if (runFlag)
      throw new UserError(
        `--${runFlag} sets how slipway runs an image: --container checks a container as it runs`,
      );
    targets.push({
      label: values.container,
      image: values.container,
      spec: resolve(cwd, values.spec),
      container: true,
    });
  } else if (values.image) {
    if (!values.spec) throw new UserError('--image needs --spec FILE');
    targets.push({ label: values.image, image: values.image, spec: resolve(cwd, values.spec), run: given });
  } else {
    const project = openProject(cwd, {
      ...(values.config ? { configFile: values.config } : {}),
      ...(values.file ? { dockerfile: values.file } : {}),
      buildArgs: keyValues(values['build-arg'], '--build-arg'),
    });
    const stages = selectStages(project.model, positionals);
    for (const s of stages) {
      const spec = values.spec
        ? resolve(cwd, values.spec)
        : specFileOf(project.config.root, project.config.specs, s.key);
      // The command line wins over the stage's `test:` settings in slipway.yaml, setting by setting.
      const configured = project.config.test[s.key] ?? { env: {} };
      // An --entrypoint given alone drops the image's CMD (as docker run does), and so the configured cmd too.
      const { cmd: _cmd, ...noCmd } = configured;
      const base = given.entrypoint && !given.cmd ? noCmd : configured;
      const run: TestRun = { ...base, ...given, env: { ...configured.env, ...given.env } };
      if (spec) targets.push({ label: s.key, image: stageTag(project, s.key), spec, run });
      else if (positionals.length)
        throw new UserError(
          `stage '${s.key}' has no spec (${project.config.specs.replaceAll('{stage}', s.key)})`,
        );
    }
    if (!targets.length) throw new UserError(`no stage has a container spec (${project.config.specs})`);
  }
  const inputs = { varsFile: values.vars, varsInline: values['vars-inline'], strict: Boolean(values.strict) };
  // Checked before the engine is asked anything (a typo fails at once); rendered again below with each
  // target's own environment, which is what `.Env` is for goss running in the container.
  loadSpecs(
    targets.map((t) => t.spec),
    cwd,
    inputs,
  );
  const ctx = await engineSession(io);
  for (const t of targets)
    if (!t.container) await requireImage(ctx.docker, t.image, values.image ? null : t.label);
  const reports: CheckReport[] = [];
  const common = {
    session: ctx.session,
    maxConcurrent: positiveInt(values['max-concurrent'], '--max-concurrent', 50),
    // Given here they win; else a stage's `test:` settings say (checkImage), else goss's 0 and 1 s.
    ...(values['retry-timeout'] !== undefined
      ? { retryTimeoutMs: seconds(values['retry-timeout'], '--retry-timeout', 0) }
      : {}),
    ...(values.sleep !== undefined ? { sleepMs: seconds(values.sleep, '--sleep', 1000) } : {}),
  };
  const shown = new Set<string>();
  for (const t of targets) {
    const env = t.container
      ? await containerEnv(ctx.docker, t.image)
      : await targetEnv(ctx.docker, t.image, t.run?.env ?? {});
    const loaded = loadSpecs([t.spec], cwd, { ...inputs, env });
    const fresh = loaded.warnings.filter((w) => !shown.has(JSON.stringify(w)));
    for (const w of fresh) shown.add(JSON.stringify(w));
    printDiagnostics(io, fresh);
    const spec = loaded.specs.get(t.spec) as Spec;
    reports.push(
      t.container
        ? await checkContainer(ctx.docker, ctx.helper, t.image, t.label, spec, common)
        : await checkImage(ctx.docker, ctx.helper, t.image, t.label, spec, {
            ...common,
            ...(t.run ? { run: t.run } : {}),
          }),
    );
  }
  // The results first: a --junit-dir that cannot be written must not lose them.
  const text = CHECK_FORMATS[format](reports);
  if (text) io.out(text);
  if (values['junit-dir']) writeJunitFiles(values['junit-dir'], reports);
  return reports.every((r) => r.ok) ? EXIT.ok : EXIT.failed;
}

/** The flags that say how slipway runs an image (none applies to a container given with --container). */
const RUN_FLAGS = [
  'entrypoint',
  'cmd',
  'env',
  'user',
  'systemd',
  'privileged',
  'cap-add',
  'tmpfs',
  'volume',
  'add-host',
  'network',
  'companion',
  'subnet',
  'internal',
] as const;

type RunValues = Partial<Record<(typeof RUN_FLAGS)[number], string | boolean | string[] | undefined>>;

/** The run options given on the command line (only those given: they override slipway.yaml's one by one). */
function runFlags(values: RunValues, cwd: string): TestRun {
  const list = (flag: (typeof RUN_FLAGS)[number], check: (v: string) => string | { error: string }) => {
    const given = values[flag] as string[] | undefined;
    if (!given) return undefined;
    return given.map((v) => {
      const r = check(v);
      if (typeof r !== 'string') throw new UserError(`--${flag}: ${r.error}`);
      return r;
    });
  };
  const run: TestRun = { env: keyValues(values.env as string[] | undefined, '--env') };
  if (values.entrypoint !== undefined)
    run.entrypoint = commandLine(values.entrypoint as string, '--entrypoint');
  if (values.cmd !== undefined) run.cmd = commandLine(values.cmd as string, '--cmd');
  if (values.user !== undefined) run.user = String(values.user);
  if (values.systemd) run.systemd = true;
  if (values.privileged) run.privileged = true;
  const capAdd = list('cap-add', capability);
  const tmpfs = list('tmpfs', tmpfsMount);
  const volumes = list('volume', volumeMount(cwd));
  const addHost = list('add-host', hostEntry);
  if (capAdd) run.capAdd = capAdd;
  if (tmpfs) run.tmpfs = tmpfs;
  if (volumes) run.volumes = volumes;
  if (addHost) run.addHost = addHost;
  const companions = values.companion as string[] | undefined;
  if (values.network !== undefined && (companions || values.subnet !== undefined || values.internal))
    throw new UserError(
      '--network joins an existing network; --companion, --subnet and --internal make a new one',
    );
  if (values.network !== undefined) {
    const n = networkName(String(values.network));
    if (typeof n !== 'string') throw new UserError(`--network: ${n.error}`);
    run.network = n;
  } else if (companions || values.subnet !== undefined || values.internal) {
    const net: TestNetwork = { internal: Boolean(values.internal), companions: [] };
    if (values.subnet !== undefined) {
      const sn = subnet(String(values.subnet));
      if (typeof sn !== 'string') throw new UserError(`--subnet: ${sn.error}`);
      net.subnet = sn;
    }
    for (const c of companions ?? []) {
      const i = c.indexOf('=');
      const name = i > 0 ? companionName(c.slice(0, i)) : { error: 'expected NAME=IMAGE' };
      if (typeof name !== 'string' || !c.slice(i + 1))
        throw new UserError(`--companion '${c}': expected NAME=IMAGE`);
      net.companions.push({ name, image: c.slice(i + 1), env: {} });
    }
    run.network = net;
  }
  return run;
}

/** The environment of a running container (what goss in it sees as `.Env`). */
async function containerEnv(docker: Docker, ref: string): Promise<Record<string, string>> {
  try {
    return envMap((await docker.getContainer(ref).inspect()).Config?.Env ?? []);
  } catch {
    throw new UserError(`no container '${ref}' in the engine`, { hint: 'docker ps lists the running ones' });
  }
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
