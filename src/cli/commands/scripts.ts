import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellLine } from '../../ci/shell.js';
import { UserError } from '../../core/errors.js';
import { npmScripts, scriptArgs, syncScripts } from '../../dev/npm-scripts.js';
import { openProject } from '../../project/project.js';
import { cwdOf, keyValues, parse } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { emitGenerated } from '../generated.js';
import { type Io, printDiagnostics } from '../io.js';

export const scriptsHelp = `slipway scripts [--check] [--print] [--command CMD] [options]

Brings the npm helper scripts of the root package.json in line with the Dockerfile:
  build:<stage>-container   CMD build <stage>    (every named stage)
  test:<stage>-container    CMD test <stage>     (every named stage with a spec)
  dev:up, dev:shell, dev:down                     (when there is a dev stage)
Other scripts are kept; slipway's scripts for stages that are gone are removed.

  --command CMD   how the scripts run slipway (default: 'ci.command' of slipway.yaml, else slipway)
  --check         write nothing; exit 1 when package.json is not in line
  --print         print the scripts as JSON
  -c, --config FILE / --cwd DIR / -f, --file DOCKERFILE / --build-arg K=V (repeatable)
                  the project, which the scripts are pointed at too (nothing added for the defaults)`;

export async function scriptsCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    command: { type: 'string' },
    check: { type: 'boolean' },
    print: { type: 'boolean' },
    'build-arg': { type: 'string', multiple: true },
  });
  if (values.help) {
    io.out(scriptsHelp);
    return EXIT.ok;
  }
  const project = openProject(cwdOf(values), {
    ...(values.config ? { configFile: values.config } : {}),
    ...(values.file ? { dockerfile: values.file } : {}),
    buildArgs: keyValues(values['build-arg'], '--build-arg'),
  });
  printDiagnostics(io, project.warnings);
  const command = values.command ?? project.config.ci.command ?? 'slipway';
  const wanted = npmScripts(project, command);
  if (values.print) {
    io.out(JSON.stringify(wanted, null, 2));
    return EXIT.ok;
  }
  const file = join(project.config.root, 'package.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`no package.json at ${project.config.root}`, {
      hint: 'npm init -y makes one; slipway scripts --print shows the scripts',
    });
  }
  const regenerateArgs = [...scriptArgs(project), ...(values.command ? ['--command', values.command] : [])];
  const next = syncScripts(text, wanted);
  if (next === null) throw new UserError(`package.json at ${project.config.root} is not a JSON object`);
  return emitGenerated(io, {
    cwd: project.config.root,
    target: 'package.json',
    text: next,
    check: Boolean(values.check),
    printable: false,
    regenerate: `slipway scripts${regenerateArgs.length ? ` ${shellLine(regenerateArgs)}` : ''}`,
  });
}
