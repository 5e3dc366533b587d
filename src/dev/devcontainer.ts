import { dirname, join, relative, sep } from 'node:path';
import { type Stage, stageByKey } from '../dockerfile/stage.js';
import type { Project } from '../project/project.js';
import { jsonText } from './json-text.js';
import { devStage, resolveDev } from './settings.js';

export const DEVCONTAINER_FILE = join('.devcontainer', 'devcontainer.json');

const posixPath = (p: string) => p.split(sep).join('/');

/** Relative to `from`, as devcontainer.json writes paths (`../docker/Dockerfile`, `..`). */
const rel = (from: string, to: string) => posixPath(relative(from, to)) || '.';

/** The USER the stage ends with (inherited through the stages it is built FROM), or null. */
function stageUser(p: Project, stage: Stage): string | null {
  for (let s: Stage | undefined = stage; s; s = s.parent ? stageByKey(p.model, s.parent) : undefined)
    if (s.facts.user) return s.facts.user;
  return null;
}

/**
 * `.devcontainer/devcontainer.json` for VS Code and Codespaces, pointing at the same Dockerfile and dev
 * target as `slipway dev`: the build (context, target, build args), the workspace mounted where `dev up`
 * mounts it, the dependency and data volumes (one set per dev container: `${devcontainerId}`), the forwarded
 * ports, the environment, and the remote user. Pure: the project in, the file's text out.
 */
export function devcontainerJson(p: Project): string {
  const stage = devStage(p);
  const s = resolveDev(p, { uid: 0, gid: 0 });
  const dir = join(p.config.root, '.devcontainer');
  const workspace = rel(p.config.root, s.workspace);
  const user = stageUser(p, stage);
  const doc: Record<string, unknown> = {
    name: `${p.config.image} (${stage.key})`,
    build: {
      dockerfile: rel(dir, p.config.dockerfile),
      context: rel(dir, p.config.context),
      target: stage.key,
      ...(Object.keys(p.config.buildArgs).length ? { args: p.config.buildArgs } : {}),
    },
    workspaceMount: `source=\${localWorkspaceFolder}${workspace === '.' ? '' : `/${workspace}`},target=${s.workdir},type=bind`,
    workspaceFolder: s.workdir,
    mounts: s.volumes.map((v) => ({
      type: 'volume',
      source: `\${devcontainerId}${v.name.slice(s.name.length)}`,
      target: v.target,
    })),
    ...(s.ports.length ? { forwardPorts: [...new Set(s.ports.map((x) => x.container))] } : {}),
    ...(Object.keys(s.env).length ? { containerEnv: s.env } : {}),
    ...(s.envFile
      ? { runArgs: ['--env-file', `\${localWorkspaceFolder}/${rel(p.config.root, s.envFile)}`] }
      : {}),
    init: true,
    // A non-root user of the image gets the host user's UID (the devcontainer CLI does that for non-root only).
    remoteUser: user ?? 'root',
    updateRemoteUserUID: true,
  };
  return jsonText(doc);
}

export const devcontainerPath = (p: Project): string => join(p.config.root, DEVCONTAINER_FILE);
export const devcontainerDir = (p: Project): string => dirname(devcontainerPath(p));
