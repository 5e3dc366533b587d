import { existsSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import type { DevPort } from '../config/config.js';
import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { type DockerfileModel, type Stage, stageByKey } from '../dockerfile/stage.js';
import type { Project } from '../project/project.js';
import { checkoutId, containerName, volumeName } from './naming.js';

export interface DevVolume {
  name: string;
  /** Where it is mounted in the container. */
  target: string;
  role: 'dependencies' | 'data';
}

export interface HostUser {
  uid: number;
  gid: number;
}

/** Everything `slipway dev` needs, resolved from the config, the Dockerfile and (when built) the image. */
export interface DevSettings {
  stage: string;
  /** `<image>:<stage>`. */
  tag: string;
  name: string;
  checkout: string;
  root: string;
  workspace: string;
  workdir: string;
  dependencies: (DevVolume & { lockfile: string | null }) | null;
  /** Every named volume, the dependency volume first. */
  volumes: DevVolume[];
  ports: DevPort[];
  env: Record<string, string>;
  envFile: string | null;
  /** null: the image's own command, run with a TTY and stdin open so a shell CMD stays up. */
  command: string[] | null;
  shell: string[] | null;
  user: HostUser;
}

/** What the image says, once built (authoritative over what the Dockerfile model infers). */
export interface ImageDefaults {
  workdir: string | null;
  expose: string[];
}

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'];

/** The dev stage: the `dev` role's stage (roles.dev, default the stage named `dev`). */
export function devStage(p: Project): Stage {
  const key = p.config.roles.dev;
  const stage = stageByKey(p.model, key);
  if (stage) return stage;
  const keys = p.model.stages.map((s) => s.key);
  const near = didYouMean(key, keys);
  const file = relative(p.config.root, p.config.dockerfile) || p.config.dockerfile;
  throw new UserError(
    `no dev stage: ${file} has no stage '${key}'${near ? ` (did you mean '${near}'?)` : ''}`,
    {
      hint: `stages: ${keys.join(', ') || 'none'}; name the developer's stage with 'roles: { dev: STAGE }' in slipway.yaml`,
    },
  );
}

/** WORKDIR and EXPOSE as the stage inherits them from the stages it is built FROM (a base image's are unknown). */
export function inheritedDefaults(model: DockerfileModel, stage: Stage): ImageDefaults {
  const chain: Stage[] = [];
  for (
    let s: Stage | undefined = stage;
    s && !chain.includes(s);
    s = s.parent ? stageByKey(model, s.parent) : undefined
  )
    chain.unshift(s);
  let workdir: string | null = null;
  const expose: string[] = [];
  for (const s of chain) {
    for (const i of s.instructions) {
      if (i.keyword !== 'WORKDIR' || !i.args) continue;
      workdir = i.args.startsWith('/') || workdir === null ? i.args : posix.join(workdir, i.args);
    }
    expose.push(...s.facts.expose);
  }
  return { workdir, expose: [...new Set(expose)] };
}

/** `3000`, `3000/tcp`, `53/udp` (EXPOSE or an image's ExposedPorts key) as ports published at the same number. */
export function exposedPorts(expose: readonly string[]): DevPort[] {
  const out: DevPort[] = [];
  for (const e of expose) {
    const m = /^(\d{1,5})(?:\/(tcp|udp))?$/i.exec(e.trim());
    if (!m) continue;
    const port = Number(m[1]);
    if (port < 1 || port > 65535) continue;
    out.push({
      host: port,
      container: port,
      protocol: (m[2]?.toLowerCase() as 'tcp' | 'udp' | undefined) ?? 'tcp',
    });
  }
  return out;
}

export function resolveDev(p: Project, user: HostUser, image?: ImageDefaults): DevSettings {
  const stage = devStage(p);
  const d = p.config.dev;
  const found = image ?? inheritedDefaults(p.model, stage);
  const workdir = d.workdir ?? found.workdir ?? '/workspace';
  const checkout = checkoutId(p.config.root);
  const name = containerName(p.config.image, checkout, d.name);
  const depsPath =
    d.dependencies === false
      ? null
      : (d.dependencies ?? (existsSync(join(d.workspace, 'package.json')) ? 'node_modules' : null));
  const volumes: DevVolume[] = [];
  let dependencies: DevSettings['dependencies'] = null;
  if (depsPath !== null) {
    const target = posix.resolve(workdir, depsPath);
    const lockfile =
      d.lockfile ?? LOCKFILES.map((f) => join(d.workspace, f)).find((f) => existsSync(f)) ?? null;
    const v: DevVolume = { name: volumeName(name, target), target, role: 'dependencies' };
    dependencies = { ...v, lockfile };
    volumes.push(v);
  }
  for (const target of d.volumes)
    if (!volumes.some((v) => v.target === target))
      volumes.push({ name: volumeName(name, target), target, role: 'data' });
  return {
    stage: stage.key,
    tag: `${p.config.image}:${stage.key}`,
    name,
    checkout,
    root: p.config.root,
    workspace: d.workspace,
    workdir,
    dependencies,
    volumes,
    ports: d.ports ?? exposedPorts(found.expose),
    env: d.env,
    envFile: d.envFile,
    command: d.command,
    shell: d.shell,
    user,
  };
}

/** The user running slipway (root where the platform has no uids: Docker Desktop maps files itself). */
export const hostUser = (): HostUser => ({ uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 });
