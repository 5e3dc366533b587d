import { type ChildProcess, spawn } from 'node:child_process';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  input?: string;
  /** Called with each chunk of stderr/stdout as it arrives (for progress). */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
}

const running = new Set<ChildProcess>();

/** Stops every child process still running (an interrupted run must not leave a build going). */
export function killChildren(signal: NodeJS.Signals): void {
  for (const c of running) c.kill(signal);
}

/** Runs a command to completion; never throws for a non-zero exit (the code is data). */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    running.add(child);
    child.on('exit', () => running.delete(child));
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      opts.onOutput?.(c, 'stdout');
    });
    child.stderr?.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      opts.onOutput?.(c, 'stderr');
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    child.on('error', (err) => resolve({ code: 127, stdout, stderr: stderr + String(err.message) }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/** Signature of `run`, so discovery and builders can be tested with a fake. */
export type Runner = typeof run;
