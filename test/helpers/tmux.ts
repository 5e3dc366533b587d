import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real terminal for interactive tests: a tmux server of its own (its own socket, no user config), one
 * session running `command`, optionally as another user (`runuser -u USER`, when the test runs as root).
 */
export class Tmux {
  private readonly dir = mkdtempSync(join(tmpdir(), 'slipway-tmux-'));
  private readonly socket = join(this.dir, 'sock');

  constructor(private readonly user: string | null) {
    if (user) execFileSync('chown', [user, this.dir]);
  }

  private tmux(args: string[]): string {
    const argv = ['tmux', '-S', this.socket, '-f', '/dev/null', ...args];
    const [cmd, ...rest] = this.user ? ['runuser', '-u', this.user, '--', ...argv] : argv;
    return execFileSync(cmd as string, rest, { encoding: 'utf8' });
  }

  /**
   * Starts `command` (a shell command line); when it ends, `[exited with N]` is printed and the pane
   * stays (tmux itself may see the terminal close before it has the exit status).
   */
  start(command: string, o: { cols: number; rows: number; env: Record<string, string> }): void {
    const env = Object.entries(o.env).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    this.tmux([
      'new-session',
      '-d',
      '-s',
      't',
      '-x',
      String(o.cols),
      '-y',
      String(o.rows),
      `env ${env.join(' ')} sh -c '${command.replaceAll("'", "'\\''")}; echo "[exited with $?]"'`,
    ]);
    this.tmux(['set-option', '-t', 't', 'status', 'off']);
    this.tmux(['set-option', '-t', 't', 'remain-on-exit', 'on']);
  }

  /** Types a line and Enter. */
  type(line: string): void {
    this.tmux(['send-keys', '-t', 't', '-l', line]);
    this.tmux(['send-keys', '-t', 't', 'Enter']);
  }

  screen(): string {
    return this.tmux(['capture-pane', '-p', '-J', '-t', 't', '-S', '-200']);
  }

  resize(cols: number, rows: number): void {
    this.tmux(['resize-window', '-t', 't', '-x', String(cols), '-y', String(rows)]);
  }

  size(): { cols: number; rows: number } {
    const [cols, rows] = this.tmux(['display-message', '-p', '-t', 't', '#{pane_width} #{pane_height}'])
      .trim()
      .split(' ');
    return { cols: Number(cols), rows: Number(rows) };
  }

  async waitFor(pattern: RegExp, ms = 20_000): Promise<string> {
    const until = Date.now() + ms;
    for (;;) {
      const s = this.screen();
      if (pattern.test(s)) return s;
      if (Date.now() > until) throw new Error(`timed out waiting for ${pattern} on the terminal:\n${s}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  close(): void {
    try {
      this.tmux(['kill-server']);
    } catch {
      /* already gone */
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
