/** goss system/command.go, run in the container; declared in gossfile/resources/command.ts. */
import { errorMessage } from '../../core/errors.js';
import type { ExecResult } from '../exec.js';
import { goDuration } from '../go-duration.js';
import { failing, type Observer, val } from './observer.js';

const PROPERTIES = ['exit-status', 'stdout', 'stderr'];

export const command: Observer = {
  needs: 'live',
  // A shell string (not a list) can run with the others in one exec, before the checks ask for it.
  batch(t) {
    const exec = t.options.exec ?? t.id;
    return typeof exec === 'string' ? { command: exec, timeoutMs: Number(t.options.timeout) } : null;
  },
  async observe(t, { live, batched }) {
    const timeout = Number(t.options.timeout);
    const exec = t.options.exec;
    try {
      const x =
        (await batched)?.get(t) ??
        (await live.exec(
          t.target === t.id && typeof exec !== 'object' ? t.target : (exec as string | string[]),
          timeout,
        ));
      const failed = x.timedOut ? `Command execution timed out (${goDuration(timeout)})` : startFailure(x);
      if (failed) return failing(PROPERTIES, failed);
      return { 'exit-status': val(x.exitCode), stdout: val(x.stdout), stderr: val(x.stderr) };
    } catch (e) {
      return failing(PROPERTIES, errorMessage(e));
    }
  },
};

/**
 * The runtime could not start the program (docker exec reports it as exit 126/127 with the OCI error on
 * stdout): goss's exec fails the same way before any exit status exists, so it is an error, not a status.
 */
function startFailure(x: ExecResult): string | null {
  if (x.exitCode !== 126 && x.exitCode !== 127) return null;
  const out = `${x.stdout}${x.stderr}`;
  if (!/OCI runtime exec failed/.test(out)) return null;
  // As Go's os/exec words it: a name not on PATH, or a path that is not there.
  const notFound = /exec: "([^"]*)": executable file not found in \$PATH/.exec(out);
  if (notFound) return `exec: "${notFound[1]}": executable file not found in $PATH`;
  const missing = /exec: "([^"]*)": stat [^:]*: ([^:\r\n]+)/.exec(out);
  if (missing) return `fork/exec ${missing[1]}: ${missing[2]}`;
  return /(exec: .*?)(?:: unknown)?\r?\n?$/.exec(out.trim())?.[1] ?? 'the command could not be started';
}
