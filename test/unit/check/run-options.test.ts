import { describe, expect, it } from 'vitest';
import { containerSettings, systemState } from '../../../src/check/run-options.js';
import { envMap } from '../../../src/check/specs.js';
import { renderTemplate } from '../../../src/gossfile/templates/render.js';

describe('how slipway runs a test target', () => {
  it('systemd: /sbin/init, tmpfs /run and /run/lock, SIGRTMIN+3; cgroup v1 bound read-only', () => {
    expect(containerSettings({ systemd: true }, {}, '1')).toEqual({
      Entrypoint: ['/sbin/init'],
      Cmd: [],
      StopSignal: 'SIGRTMIN+3',
      HostConfig: { Binds: ['/sys/fs/cgroup:/sys/fs/cgroup:ro'], Tmpfs: { '/run': '', '/run/lock': '' } },
    });
  });

  it('systemd on cgroup v2: a private cgroup namespace, writable', () => {
    const s = containerSettings({ systemd: true }, { entrypoint: ['/lib/systemd/systemd'] }, '2');
    expect(s.Entrypoint).toEqual(['/lib/systemd/systemd']);
    expect(s.HostConfig).toMatchObject({
      Binds: [],
      CgroupnsMode: 'private',
      SecurityOpt: ['writable-cgroups=true'],
    });
  });

  it('the other options as docker run takes them', () => {
    const s = containerSettings(
      {
        user: 'www-data',
        privileged: true,
        capAdd: ['SYS_ADMIN'],
        tmpfs: ['/tmp', '/cache:size=16m,mode=1777'],
        volumes: ['/src/goss:/goss:ro'],
        addHost: ['db:10.0.0.5'],
      },
      { cmd: ['serve'], binds: ['/x:/y'], network: 'net1' },
      '1',
    );
    expect(s).toEqual({
      Cmd: ['serve'],
      User: 'www-data',
      HostConfig: {
        Binds: ['/x:/y', '/src/goss:/goss:ro'],
        Tmpfs: { '/tmp': '', '/cache': 'size=16m,mode=1777' },
        Privileged: true,
        CapAdd: ['SYS_ADMIN'],
        ExtraHosts: ['db:10.0.0.5'],
        NetworkMode: 'net1',
      },
    });
  });

  it('systemctl is-system-running: settled, degraded, still booting, not systemd', () => {
    expect(systemState('running\n')).toBe('settled');
    expect(systemState('degraded\n')).toBe('degraded');
    expect(systemState('starting\n')).toBe('starting');
    expect(systemState('initializing')).toBe('starting');
    expect(systemState('offline\n')).toBe('offline');
  });

  it(".Env is the target's: a container's Config.Env as a map; unknown before the target exists", () => {
    expect(envMap(['PATH=/bin', 'OS=bookworm', 'A=b=c', 'OS=late'])).toEqual({
      PATH: '/bin',
      OS: 'late',
      A: 'b=c',
    });
    const t = '{{ if .Env.OS | regexMatch "book" }}yes{{ end }}{{ index .Vars .Env.OS "x" }}';
    expect(renderTemplate(t, { env: {}, vars: {} }).problems[0]?.message).toMatch(
      /map has no entry for key "OS"/,
    );
    expect(renderTemplate(t, { env: {}, vars: {}, envUnknown: true }).problems).toEqual([]);
    expect(
      renderTemplate('{{ .Env.OS }}-{{ .Env.X }}', { env: { OS: 'b' }, vars: {}, envUnknown: true }).text,
    ).toBe('b-');
    expect(renderTemplate('{{ if }}', { env: {}, vars: {}, envUnknown: true }).problems).toHaveLength(1);
  });
});
