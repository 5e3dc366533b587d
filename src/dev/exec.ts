/** bash when the image has it, else sh. */
export const DEFAULT_SHELL = [
  '/bin/sh',
  '-c',
  'if command -v bash >/dev/null 2>&1; then exec bash; fi; exec sh',
];

export interface ExecRequest {
  container: string;
  command: string[];
  /** A terminal: `-t` (resize and signals go through the docker CLI). */
  tty: boolean;
  /** Another user than the container's (the host user): `root`, `0`, `name:group`. */
  user?: string | undefined;
  /** Set when the container runs as a non-root host user (its HOME is a tmpfs of that user's). */
  hostHome: boolean;
}

const isRoot = (u: string) => u === 'root' || u === '0' || u.startsWith('root:') || u.startsWith('0:');

/** The `docker exec` arguments: stdin kept open, a TTY only when there is one, the exit code passed through. */
export function execArgs(r: ExecRequest): string[] {
  const args = ['exec', '-i'];
  if (r.tty) args.push('-t');
  if (r.user) {
    // By number, so an image without /etc/passwd (FROM scratch, distroless) takes `-u root` too.
    args.push('-u', r.user === 'root' ? '0:0' : r.user);
    // The container's HOME belongs to the host user; root keeps its own.
    if (r.hostHome && isRoot(r.user)) args.push('-e', 'HOME=/root');
  }
  return [...args, r.container, ...r.command];
}
