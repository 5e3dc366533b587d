import {
  asEnvironmentError,
  asFileSystemError,
  EnvironmentError,
  SlipwayError,
  UserError,
} from '../core/errors.js';
import { EXIT } from './exit-codes.js';
import { interruption } from './interrupt.js';
import { type Io, printDiagnostics, processIo } from './io.js';
import { version } from './version.js';

type Command = (argv: string[], io: Io) => Promise<number>;

/** Each command's module is loaded only when it runs: `slipway lint` never loads the engine client. */
const COMMANDS: Record<string, { run: Command; summary: string }> = {
  build: {
    run: async (a, io) => (await import('./commands/build.js')).buildCommand(a, io),
    summary: 'build stages with BuildKit, tagged <image>:<stage>',
  },
  pipeline: {
    run: async (a, io) => (await import('./commands/pipeline.js')).pipelineCommand(a, io),
    summary: 'build, test and smoke-run only what a change needs (the main job)',
  },
  test: {
    run: async (a, io) => (await import('./commands/container-test.js')).testCommand(a, io),
    summary: 'check stage images against their container specs (goss format)',
  },
  add: {
    run: async (a, io) => (await import('./commands/add.js')).addCommand(a, io),
    summary: 'observe something in a stage image and add the assertion to its spec (as goss add)',
  },
  edit: {
    run: async (a, io) => (await import('./commands/edit.js')).editCommand(a, io),
    summary: 'a shell in a stage container; `slipway add` inside is written to the spec on exit',
  },
  dev: {
    run: async (a, io) => (await import('./commands/dev.js')).devCommand(a, io),
    summary: 'the dev container of this checkout: up, shell, exec, logs, status, down',
  },
  devcontainer: {
    run: async (a, io) => (await import('./commands/devcontainer.js')).devcontainerCommand(a, io),
    summary: 'write .devcontainer/devcontainer.json pointing at the dev stage (VS Code, Codespaces)',
  },
  scripts: {
    run: async (a, io) => (await import('./commands/scripts.js')).scriptsCommand(a, io),
    summary: 'keep the npm helpers (build:/test:<stage>-container, dev:up|shell|down) in package.json',
  },
  publish: {
    run: async (a, io) => (await import('./commands/publish.js')).publishCommand(a, io),
    summary: 'push a stage image (default: release) with its release tags, once its spec passed',
  },
  clean: {
    run: async (a, io) => (await import('./commands/clean.js')).cleanCommand(a, io),
    summary: 'remove what slipway left in the engine (--images, --dev for more)',
  },
  lint: {
    run: async (a, io) => (await import('./commands/lint.js')).lintCommand(a, io),
    summary: 'check the Dockerfile against the pattern (text, json, sarif)',
  },
  plan: {
    run: async (a, io) => (await import('./commands/plan.js')).planCommand(a, io),
    summary: 'which stages a change affects: build, test or skip, with reasons (text, json, markdown)',
  },
  graph: {
    run: async (a, io) => (await import('./commands/graph.js')).graphCommand(a, io),
    summary: 'draw the stages and what each depends on (ascii, mermaid, dot, json)',
  },
  report: {
    run: async (a, io) => (await import('./commands/report.js')).reportCommand(a, io),
    summary:
      'the report of the last recorded run: stage graph by outcome, sizes, failures (html, markdown, json)',
  },
  ci: {
    run: async (a, io) => (await import('./commands/ci.js')).ciCommand(a, io),
    summary: 'generate the CI that runs one job per stage (github, circleci)',
  },
};

const usage = () => `slipway — one multi-stage Dockerfile for the whole development process

usage: slipway <command> [options]   (slipway <command> --help for its options)

commands:
${Object.entries(COMMANDS)
  .map(([n, c]) => `  ${n.padEnd(13)} ${c.summary}`)
  .join('\n')}

exit codes: 0 ok, 1 a build/check failed, 2 bad input, 3 environment (engine, BuildKit), 70 internal error`;

/** Options every command takes, which may also come before the command: `slipway --debug graph`. */
const GLOBAL_FLAGS = new Set(['--debug', '-q', '--quiet']);
const GLOBAL_WITH_VALUE = new Set(['--cwd', '-c', '--config', '-f', '--file', '--format']);

/**
 * Moves the global options written before the command to the end of its arguments (before a `--`), where every
 * command — and every subcommand of `dev` and `ci` — parses them.
 */
export function commandFirst(argv: readonly string[]): string[] {
  const lead: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
    const flag = a.split('=')[0] as string;
    if (GLOBAL_FLAGS.has(a)) lead.push(a);
    else if (GLOBAL_WITH_VALUE.has(flag) && a.includes('=')) lead.push(a);
    else if (GLOBAL_WITH_VALUE.has(a) && i + 1 < argv.length) lead.push(a, argv[++i] as string);
    else break;
  }
  if (i >= argv.length) return [...argv];
  const rest = argv.slice(i + 1);
  const dashes = rest.indexOf('--');
  const at = dashes < 0 ? rest.length : dashes;
  return [argv[i] as string, ...rest.slice(0, at), ...lead, ...rest.slice(at)];
}

/** The one exit point: typed errors become messages and exit codes; stack traces only with --debug. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const code = await dispatch(commandFirst(argv), io);
  if (interruption.signal) {
    await interruption.cleanup;
    return EXIT.interrupted;
  }
  return code;
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  const debug = argv.includes('--debug') || process.env.SLIPWAY_DEBUG === '1';
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-V') {
    io.out(version());
    return EXIT.ok;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`slipway: unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(', ')})`);
    return EXIT.usage;
  }
  try {
    return await cmd.run(rest, io);
  } catch (caught) {
    if (interruption.signal) return EXIT.interrupted;
    const e = asEnvironmentError(caught) ?? asFileSystemError(caught) ?? caught;
    if (e instanceof UserError) {
      printDiagnostics(io, e.diagnostics);
      io.err(`slipway: error: ${e.message}`);
    } else if (e instanceof SlipwayError) io.err(`slipway: error: ${e.message}`);
    else
      io.err(
        `slipway: internal error: ${e instanceof Error ? e.message : String(e)}${debug ? '' : ' (run with --debug for the stack trace)'}`,
      );
    if (e instanceof SlipwayError && e.hint) io.err(`  hint: ${e.hint}`);
    if (debug && e instanceof Error) io.err(e.stack ?? '');
    return e instanceof UserError
      ? EXIT.usage
      : e instanceof EnvironmentError
        ? EXIT.environment
        : e instanceof SlipwayError
          ? EXIT.failed
          : EXIT.internal;
  }
}
