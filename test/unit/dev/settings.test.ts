import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import {
  checkoutId,
  containerName,
  DEV_HOME,
  devCreateOptions,
  execArgs,
  exposedPorts,
  resolveDev,
  volumeName,
} from '../../../src/dev/index.js';
import { openProject } from '../../../src/project/project.js';

const DOCKERFILE = [
  'FROM node:24-bookworm-slim AS base',
  'WORKDIR /srv',
  'WORKDIR app',
  'EXPOSE 3000',
  'FROM base AS build',
  'RUN true',
  'FROM build AS develop',
  'EXPOSE 9229/tcp 53/udp',
  'CMD ["bash"]',
  'FROM base AS release',
  'EXPOSE 8080',
  '',
].join('\n');

const dirs: string[] = [];
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-devset-'));
  dirs.push(dir);
  for (const [f, t] of Object.entries({ Dockerfile: DOCKERFILE, ...files })) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), t);
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('resolveDev', () => {
  it('the dev role stage, WORKDIR and EXPOSE inherited through FROM, node_modules when the workspace has a package.json', () => {
    const dir = repo({
      'slipway.yaml': 'image: shop\nroles: { dev: develop }\ndev: { workspace: app, volumes: [/data] }\n',
      'app/package.json': '{}',
      'app/yarn.lock': '',
    });
    const s = resolveDev(openProject(dir), { uid: 1000, gid: 1001 });
    const id = checkoutId(dir);
    expect(s).toMatchObject({
      stage: 'develop',
      tag: 'shop:develop',
      name: `slipway-dev-shop-${id.slice(0, 8)}`,
      checkout: id,
      workspace: join(dir, 'app'),
      workdir: '/srv/app',
      dependencies: {
        name: `slipway-dev-shop-${id.slice(0, 8)}-srv-app-node_modules`,
        target: '/srv/app/node_modules',
        role: 'dependencies',
        lockfile: join(dir, 'app/yarn.lock'),
      },
      ports: [
        { host: 3000, container: 3000, protocol: 'tcp' },
        { host: 9229, container: 9229, protocol: 'tcp' },
        { host: 53, container: 53, protocol: 'udp' },
      ],
      command: null,
      user: { uid: 1000, gid: 1001 },
    });
    expect(s.volumes.map((v) => [v.target, v.role])).toEqual([
      ['/srv/app/node_modules', 'dependencies'],
      ['/data', 'data'],
    ]);
  });

  it("the image's own WORKDIR and ports win over what the Dockerfile says (a base image's count)", () => {
    const dir = repo({ 'slipway.yaml': 'roles: { dev: develop }\n' });
    const s = resolveDev(
      openProject(dir),
      { uid: 0, gid: 0 },
      { workdir: '/home/node', expose: ['4000/tcp'] },
    );
    expect(s.workdir).toBe('/home/node');
    expect(s.ports).toEqual([{ host: 4000, container: 4000, protocol: 'tcp' }]);
    expect(s.dependencies).toBeNull();
  });

  it('no dev stage: a UserError that names the stages and the setting', () => {
    const dir = repo({});
    try {
      resolveDev(openProject(dir), { uid: 0, gid: 0 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).message).toBe("no dev stage: Dockerfile has no stage 'dev'");
      expect((e as UserError).hint).toBe(
        "stages: base, build, develop, release; name the developer's stage with 'roles: { dev: STAGE }' in slipway.yaml",
      );
    }
  });

  it('a symlinked path is the same checkout; another path is another one', () => {
    const dir = repo({});
    const link = `${dir}-link`;
    symlinkSync(dir, link);
    try {
      expect(checkoutId(link)).toBe(checkoutId(dir));
      expect(checkoutId(`${dir}/..`)).not.toBe(checkoutId(dir));
    } finally {
      rmSync(link);
    }
  });
});

describe('names', () => {
  it('container and volume names are valid Docker names', () => {
    expect(containerName('ghcr.io/Acme/shop', 'abcdef0123456789', null)).toBe(
      'slipway-dev-ghcr.io-acme-shop-abcdef01',
    );
    expect(containerName('x', 'abcdef0123456789', 'mine')).toBe('mine');
    expect(volumeName('c', '/app/node_modules')).toBe('c-app-node_modules');
    expect(exposedPorts(['80', '443/TCP', 'x', '70000', '53/udp'])).toEqual([
      { host: 80, container: 80, protocol: 'tcp' },
      { host: 443, container: 443, protocol: 'tcp' },
      { host: 53, container: 53, protocol: 'udp' },
    ]);
  });
});

describe('devCreateOptions', () => {
  it('a non-root host user: uid:gid, a HOME of its own, volumes never copied into again, ports on 127.0.0.1 only, kept labels', () => {
    const dir = repo({
      'slipway.yaml':
        'image: shop\nroles: { dev: develop }\ndev: { ports: ["8080:3000"], command: [npm, run, dev] }\n',
      'package.json': '{}',
    });
    const s = resolveDev(openProject(dir), { uid: 1000, gid: 1000 });
    const o = devCreateOptions(s, 'sha256:abc', 'sess-1', { A: '1' });
    expect(o).toMatchObject({
      name: s.name,
      Image: 'sha256:abc',
      User: '1000:1000',
      WorkingDir: '/srv/app',
      Env: ['A=1', `HOME=${DEV_HOME}`],
      Cmd: ['npm', 'run', 'dev'],
      ExposedPorts: { '3000/tcp': {} },
      HostConfig: {
        Init: true,
        Tmpfs: { [DEV_HOME]: 'uid=1000,gid=1000,mode=0700' },
        PortBindings: { '3000/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] },
        Mounts: [
          { Type: 'bind', Source: dir, Target: '/srv/app' },
          {
            Type: 'volume',
            Source: `${s.name}-srv-app-node_modules`,
            Target: '/srv/app/node_modules',
            VolumeOptions: { NoCopy: true },
          },
        ],
      },
    });
    expect(o.Tty).toBeUndefined();
    expect(o.Labels).toMatchObject({
      'dev.slipway.managed': 'true',
      'dev.slipway.session': 'sess-1',
      'dev.slipway.keep': 'true',
      'dev.slipway.checkout': s.checkout,
      'dev.slipway.checkout-path': dir,
      'dev.slipway.dev': 'container',
    });
  });

  it("root on the host keeps the image's HOME; no command: the image's, with a TTY so a shell CMD stays up", () => {
    const dir = repo({ 'slipway.yaml': 'roles: { dev: develop }\n' });
    const o = devCreateOptions(resolveDev(openProject(dir), { uid: 0, gid: 0 }), 'img', 's', {});
    expect(o.User).toBe('0:0');
    expect(o.Env).toEqual([]);
    expect(o.HostConfig?.Tmpfs).toBeUndefined();
    expect(o).toMatchObject({ Tty: true, OpenStdin: true });
    expect(o.Cmd).toBeUndefined();
  });
});

describe('execArgs', () => {
  it('a TTY only when asked; root gets its own HOME when the container runs as the host user', () => {
    expect(execArgs({ container: 'c', command: ['sh'], tty: true, hostHome: true })).toEqual([
      'exec',
      '-i',
      '-t',
      'c',
      'sh',
    ]);
    expect(execArgs({ container: 'c', command: ['ls', '-la'], tty: false, hostHome: true })).toEqual([
      'exec',
      '-i',
      'c',
      'ls',
      '-la',
    ]);
    expect(execArgs({ container: 'c', command: ['id'], tty: false, user: 'root', hostHome: true })).toEqual([
      'exec',
      '-i',
      '-u',
      '0:0',
      '-e',
      'HOME=/root',
      'c',
      'id',
    ]);
    expect(execArgs({ container: 'c', command: ['id'], tty: false, user: '0', hostHome: false })).toEqual([
      'exec',
      '-i',
      '-u',
      '0',
      'c',
      'id',
    ]);
  });
});
