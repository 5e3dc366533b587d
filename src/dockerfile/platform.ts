import { arch as osArch, platform as osPlatform } from 'node:os';

/** BuildKit's automatic platform ARGs, for the build's platform (by default the host's). */
export function platformArgs(target?: string, build?: string): Map<string, string> {
  const host = hostPlatform();
  const t = split(target ?? host);
  const b = split(build ?? host);
  return new Map([
    ['BUILDPLATFORM', b.platform],
    ['BUILDOS', b.os],
    ['BUILDARCH', b.arch],
    ['BUILDVARIANT', b.variant],
    ['TARGETPLATFORM', t.platform],
    ['TARGETOS', t.os],
    ['TARGETARCH', t.arch],
    ['TARGETVARIANT', t.variant],
  ]);
}

export function hostPlatform(): string {
  const arch =
    (
      {
        x64: 'amd64',
        arm64: 'arm64',
        arm: 'arm/v7',
        ia32: '386',
        ppc64: 'ppc64le',
        s390x: 's390x',
      } as Record<string, string>
    )[osArch()] ?? osArch();
  const os = osPlatform() === 'win32' ? 'windows' : osPlatform() === 'darwin' ? 'linux' : osPlatform();
  return `${os}/${arch}`;
}

function split(p: string): { platform: string; os: string; arch: string; variant: string } {
  const [os = 'linux', arch = 'amd64', variant = ''] = p.split('/');
  return { platform: p, os, arch, variant };
}
