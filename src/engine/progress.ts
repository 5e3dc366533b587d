/** Reads BuildKit's `--progress=plain` output into steps: what ran, what was cached, what failed and its log. */
export interface Step {
  id: number;
  name: string;
  status: 'running' | 'done' | 'cached' | 'error';
  error: string | null;
  log: string[];
  seconds: number | null;
}

export interface ProgressSummary {
  steps: Step[];
  /** The first step that failed, if any. */
  failed: Step | null;
  /** Last error line printed after the steps (`error: failed to solve: …`). */
  finalError: string | null;
}

export class PlainProgressParser {
  private readonly steps = new Map<number, Step>();
  private finalError: string | null = null;
  private partial = '';

  /** Feed a chunk (may hold partial lines). */
  push(chunk: string): string[] {
    const text = this.partial + chunk;
    const lines = text.split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    for (const l of lines) this.line(l);
    return lines;
  }

  end(): ProgressSummary {
    if (this.partial) this.line(this.partial);
    this.partial = '';
    const steps = [...this.steps.values()];
    return { steps, failed: steps.find((s) => s.status === 'error') ?? null, finalError: this.finalError };
  }

  private line(l: string): void {
    const m = /^#(\d+) (.*)$/.exec(l);
    if (!m) {
      if (/^(error|ERROR):|^failed to solve|^executor failed/.test(l))
        this.finalError = l.replace(/^(error|ERROR):\s*/, '');
      return;
    }
    const id = Number(m[1]);
    const rest = m[2] as string;
    let step = this.steps.get(id);
    if (!step) {
      step = { id, name: rest, status: 'running', error: null, log: [], seconds: null };
      this.steps.set(id, step);
      return;
    }
    if (rest === 'CACHED') step.status = 'cached';
    else if (/^DONE\b/.test(rest)) {
      step.status = 'done';
      step.seconds = Number.parseFloat(rest.slice(5)) || 0;
    } else if (rest.startsWith('ERROR')) {
      step.status = 'error';
      step.error = rest.replace(/^ERROR:?\s*/, '');
    } else if (/^sha256:[0-9a-f]{64}$/.test(rest)) {
      /* digest line of the 20.10 client */
    } else {
      const out = /^\d+\.\d+ (.*)$/.exec(rest);
      step.log.push(out ? (out[1] as string) : rest);
      if (step.log.length > 400) step.log.splice(0, step.log.length - 200);
    }
  }
}

/**
 * `[build 3/6] RUN npm ci` → true for the steps that are Dockerfile instructions doing work. FROM steps are
 * left out: BuildKit reports them DONE on every build (it resolves the image), even when nothing ran.
 */
export const isInstructionStep = (s: Step): boolean => /^\[[^\]]+ \d+\/\d+\] (?!FROM )/.test(s.name);
