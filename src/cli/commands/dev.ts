import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type Docker from 'dockerode';
import { UserError } from '../../core/errors.js';
import {
  DEFAULT_SHELL,
  type DevSettings,
  devDown,
  devEnvironment,
  devFingerprint,
  devStatus,
  devUp,
  execArgs,
  hostUser,
  ownContainer,
  resolveDev,
  streamLogs,
} from '../../dev/index.js';
import { staleness } from '../../dev/up.js';
import { openProject, type Project } from '../../project/project.js';
import { formatBuildText } from '../../report/build.js';
import {
  formatDevStatusJson,
  formatDevStatusText,
  formatDown,
  formatUp,
  staleLine,
} from '../../report/dev.js';
import { cwdOf, keyValues, oneOf, parse } from '../args.js';
import { engineContext, engineSession, progressPrinter } from '../engine-context.js';
import { EXIT } from '../exit-codes.js';
import { type Io, printDiagnostics } from '../io.js';

export const devHelp = `slipway dev up | shell | exec -- CMD | logs | status | down [options]

The developer's own loop in the dev stage (the stage of the 'dev' role): one long-lived container per
checkout, with the workspace bind-mounted at the stage's WORKDIR, the dependencies in a volume seeded
from the image, your uid:gid, and ports on 127.0.0.1 only. Settings: 'dev:' in slipway.yaml.

  up [--rebuild]        build the dev stage when its fingerprint has no image, then start the container;
                        a second 'up' changes nothing; --rebuild builds and recreates it (the dependency
                        volume is kept unless the lockfile changed). With --build-arg, --ca, --no-cache, -q
  shell [-u USER]       an interactive shell in it (a TTY; its exit code is slipway's); -u root for root
  exec [-u USER] -- CMD run one command in it (a TTY only when stdin and stdout are terminals)
  logs [--follow|-f] [--tail N]
                        its output (the server's log)
  status [--format text|json]
                        the container, its image's age and fingerprint against the Dockerfile, ports, volumes
  down [--volumes]      remove the container (and its volumes with --volumes); nothing else

  -c, --config FILE / --cwd DIR / --file DOCKERFILE

exit codes: as slipway's (0 ok, 1 a build failed or the container stopped at once, 2 bad input, 3 engine);
shell and exec exit with the command's code.`;

type Values = ReturnType<typeof parseDev>['values'];

function parseDev(argv: string[]) {
  return parse(argv, {
    rebuild: { type: 'boolean' },
    'build-arg': { type: 'string', multiple: true },
    ca: { type: 'string' },
    'no-cache': { type: 'boolean' },
    user: { type: 'string', short: 'u' },
    follow: { type: 'boolean' },
    tail: { type: 'string' },
    volumes: { type: 'boolean' },
  });
}

const SUBCOMMANDS = ['up', 'shell', 'exec', 'logs', 'status', 'down'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

export async function devCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(devHelp);
    return sub ? EXIT.ok : EXIT.usage;
  }
  if (!(SUBCOMMANDS as readonly string[]).includes(sub))
    throw new UserError(`unknown dev command '${sub}'`, { hint: `slipway dev ${SUBCOMMANDS.join('|')}` });
  // After `--` comes the command of `exec`; `logs -f` follows (as docker logs -f), `--file` stays long.
  const cut = rest.indexOf('--');
  const own = (cut < 0 ? rest : rest.slice(0, cut)).map((a) =>
    sub === 'logs' && a === '-f' ? '--follow' : a,
  );
  const { values, positionals } = parseDev(own);
  if (values.help) {
    io.out(devHelp);
    return EXIT.ok;
  }
  const command = cut < 0 ? positionals : [...positionals, ...rest.slice(cut + 1)];
  if (sub === 'exec' && !command.length)
    throw new UserError('slipway dev exec: no command given', { hint: 'slipway dev exec -- npm test' });
  if (sub !== 'exec' && positionals.length)
    throw new UserError(`slipway dev ${sub} takes no arguments, got '${positionals.join(' ')}'`);
  const project = openProject(cwdOf(values), {
    ...(values.config ? { configFile: values.config } : {}),
    ...(values.file ? { dockerfile: values.file } : {}),
    buildArgs: keyValues(values['build-arg'], '--build-arg'),
  });
  printDiagnostics(io, project.warnings);
  const s = resolveDev(project, hostUser());
  return run(sub as Sub, project, s, values, command, io);
}

async function run(
  sub: Sub,
  p: Project,
  s: DevSettings,
  v: Values,
  command: string[],
  io: Io,
): Promise<number> {
  if (sub === 'up') return up(p, s, v, io);
  const ctx = await engineSession(io);
  const { docker } = ctx;
  if (sub === 'down') {
    io.out(formatDown(await devDown(docker, s, { volumes: Boolean(v.volumes) }), s.name));
    return EXIT.ok;
  }
  if (sub === 'status') {
    const format = oneOf(v.format, ['text', 'json'] as const, 'text', '--format');
    const st = await devStatus(docker, p, s, { fingerprint: devFingerprint }, devEnvironment(s));
    io.out(format === 'json' ? formatDevStatusJson(st) : formatDevStatusText(st));
    return EXIT.ok;
  }
  const info = await running(docker, s);
  if (sub === 'logs') {
    const tail = v.tail === undefined ? undefined : Number(v.tail);
    if (tail !== undefined && (!Number.isInteger(tail) || tail < 0))
      throw new UserError(`--tail expects a number of lines, got '${v.tail}'`);
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    await streamLogs(
      docker,
      info.Id,
      { stdout: process.stdout, stderr: process.stderr },
      { follow: Boolean(v.follow), signal: stop.signal, ...(tail !== undefined ? { tail } : {}) },
    );
    return EXIT.ok;
  }
  if (!info.State.Running)
    throw new UserError(`the dev container ${s.name} is not running (${info.State.Status})`, {
      hint: 'slipway dev up starts it; slipway dev logs shows why it stopped',
    });
  if (sub === 'shell') {
    const stale = staleLine(
      await staleness(docker, p, s, info, { fingerprint: devFingerprint }, devEnvironment(s)),
    );
    if (stale) io.err(`slipway: ${stale}`);
  }
  const client = await ctx.buildClient();
  const tty =
    sub === 'shell' ? Boolean(process.stdin.isTTY) : Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const args = execArgs({
    container: info.Id,
    command: sub === 'shell' ? (s.shell ?? DEFAULT_SHELL) : command,
    tty,
    user: v.user,
    hostHome: !/^(0|root)(:|$)/.test(info.Config.User ?? ''),
  });
  return new Promise((done, fail) => {
    const child = spawn(client.bin, args, { stdio: 'inherit', env: { ...process.env, ...client.env } });
    child.on('error', fail);
    child.on('close', (code, signal) =>
      done(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : EXIT.failed)),
    );
  });
}

async function up(p: Project, s: DevSettings, v: Values, io: Io): Promise<number> {
  const env = devEnvironment(s);
  const ctx = await engineContext(io);
  const r = await devUp(
    p,
    s,
    {
      docker: ctx.docker,
      client: ctx.client,
      session: ctx.session,
      fingerprint: devFingerprint,
      onEvent: progressPrinter(io, Boolean(v.quiet)),
    },
    { env, rebuild: Boolean(v.rebuild), ca: v.ca ?? null, noCache: Boolean(v['no-cache']) },
  );
  if (r.ok) {
    io.out(formatUp(r));
    return EXIT.ok;
  }
  if (r.action === 'build-failed') {
    io.out(formatBuildText({ ok: false, images: [], stages: [r.built], ca: null }));
    return EXIT.failed;
  }
  io.err(
    [
      `slipway: the dev container ${r.name} stopped at once (exit code ${r.exitCode}); its last lines:`,
      ...r.logTail.map((l) => `  | ${l}`),
      "  hint: check 'dev.command' in slipway.yaml; slipway dev logs shows the whole output",
    ].join('\n'),
  );
  return EXIT.failed;
}

/** The dev container of this checkout; none is an error that says how to start it. */
async function running(docker: Docker, s: DevSettings): Promise<Docker.ContainerInspectInfo> {
  const info = await ownContainer(docker, s);
  if (!info)
    throw new UserError(`no dev container for this checkout (${s.name})`, {
      hint: 'slipway dev up starts it',
    });
  return info;
}
