import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Debian's busybox-static: a single static binary, so fixture images need no base image and no registry. */
export const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p)) ?? '/bin/busybox';

/**
 * A second, tiny repository with a multi-stage Dockerfile whose stages are NOT named like the example's:
 * toolchain → compile → shipit (FROM scratch, COPY --from both). Built in seconds, from scratch.
 */
export function tinyRepo(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-tiny-'));
  const all: Record<string, string> = {
    Dockerfile: [
      'FROM scratch AS toolchain',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      '',
      'FROM toolchain AS compile',
      'COPY src/ /src/',
      'RUN mkdir -p /out && cat /src/*.txt > /out/artefact.txt',
      '',
      'FROM scratch AS shipit',
      'COPY --from=toolchain /bin/ /bin/',
      'COPY --from=compile /out/artefact.txt /artefact.txt',
      'CMD ["/bin/cat", "/artefact.txt"]',
      '',
    ].join('\n'),
    'src/a.txt': 'hello from a\n',
    'package.json': JSON.stringify({ name: 'tiny-fixture', version: '1.0.0' }),
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  copyFileSync(BUSYBOX, join(dir, 'busybox'));
  return dir;
}

/**
 * Copies a dynamically linked host binary and the libraries `ldd` names under `root`, at the same paths, so a
 * FROM scratch image can run it (the host's openssl as a TLS server, for instance).
 */
export function copyWithLibraries(binary: string, root: string): void {
  const libs = execFileSync('ldd', [binary], { encoding: 'utf8' }).match(/\/\S+/g) ?? [];
  for (const file of [binary, ...libs]) {
    mkdirSync(join(root, dirname(file)), { recursive: true });
    copyFileSync(file, join(root, file));
  }
}
