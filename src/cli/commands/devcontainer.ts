import { DEVCONTAINER_FILE, devcontainerJson } from '../../dev/devcontainer.js';
import { openProject } from '../../project/project.js';
import { cwdOf, parse } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { emitGenerated } from '../generated.js';
import { type Io, printDiagnostics } from '../io.js';

export const devcontainerHelp = `slipway devcontainer [--out FILE] [--check] [options]

Writes ${DEVCONTAINER_FILE} for VS Code and Codespaces, pointing at the same Dockerfile and dev
target as 'slipway dev': build context, target and args; the workspace mounted where 'slipway dev up'
mounts it ('dev:' in slipway.yaml); the dependency and data volumes; forwarded ports; environment;
the remote user (the stage's USER, else root).

  -o, --out FILE  where to write it (default ${DEVCONTAINER_FILE} at the repository root; '-' for stdout)
  --check      write nothing; exit 1 when the file differs from what would be written
  -c, --config FILE / --cwd DIR / --file DOCKERFILE`;

export async function devcontainerCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { out: { type: 'string', short: 'o' }, check: { type: 'boolean' } });
  if (values.help) {
    io.out(devcontainerHelp);
    return EXIT.ok;
  }
  const cwd = cwdOf(values);
  const project = openProject(cwd, {
    ...(values.config ? { configFile: values.config } : {}),
    ...(values.file ? { dockerfile: values.file } : {}),
  });
  printDiagnostics(io, project.warnings);
  return emitGenerated(io, {
    cwd: values.out ? cwd : project.config.root,
    target: values.out ?? DEVCONTAINER_FILE,
    text: devcontainerJson(project),
    check: Boolean(values.check),
    regenerate: `slipway devcontainer${values.out ? ` --out ${values.out}` : ''}`,
  });
}
