import type Docker from 'dockerode';
import type { SmokeConfig, SmokeRequest } from '../config/config.js';
import { errorMessage } from '../core/errors.js';
import { demuxLogs } from '../engine/logs.js';
import { sessionLabels } from '../engine/session.js';

export interface SmokeStepResult {
  step: string;
  ok: boolean;
  message: string;
  durationMs: number;
}

export interface SmokeReport {
  ok: boolean;
  image: string;
  steps: SmokeStepResult[];
  /** Last container log lines when something failed. */
  logTail: string[];
}

/**
 * Runs the image with its port published on 127.0.0.1 only, waits until it is ready, then plays the
 * configured requests and restarts. Container and volume carry the session label and are removed in every case.
 */
export async function smokeRun(
  docker: Docker,
  image: string,
  cfg: SmokeConfig,
  session: string,
): Promise<SmokeReport> {
  const labels = sessionLabels(session);
  const steps: SmokeStepResult[] = [];
  const report: SmokeReport = { ok: false, image, steps, logTail: [] };
  const portKey = `${cfg.port}/tcp`;
  const volumeName = `slipway-smoke-${session}`;
  let container: Docker.Container | null = null;
  let volumeCreated = false;
  const vars = new Map<string, string>();

  const timed = async (name: string, fn: () => Promise<string>): Promise<boolean> => {
    const t0 = Date.now();
    try {
      const message = await fn();
      steps.push({ step: name, ok: true, message, durationMs: Date.now() - t0 });
      return true;
    } catch (e) {
      steps.push({ step: name, ok: false, message: errorMessage(e), durationMs: Date.now() - t0 });
      return false;
    }
  };

  try {
    if (cfg.volume) {
      await docker.createVolume({ Name: volumeName, Labels: labels });
      volumeCreated = true;
    }
    container = await docker.createContainer({
      Image: image,
      Labels: labels,
      Env: Object.entries(cfg.env).map(([k, v]) => `${k}=${v}`),
      ExposedPorts: { [portKey]: {} },
      HostConfig: {
        PortBindings: { [portKey]: [{ HostIp: '127.0.0.1', HostPort: '' }] },
        Mounts: cfg.volume ? [{ Type: 'volume', Source: volumeName, Target: cfg.volume }] : [],
      },
    });
    const c = container;
    let port = 0;
    const start = async () => {
      await c.start();
      port = await waitReady(c, portKey, cfg.timeout * 1000);
      return `ready on 127.0.0.1:${port}`;
    };
    if (!(await timed('start', start))) return report;
    for (const step of cfg.steps) {
      if (step.kind === 'restart') {
        const ok = await timed('restart', async () => {
          const t0 = Date.now();
          await c.stop({ t: 15 });
          const { State } = await c.inspect();
          if (State.ExitCode !== 0)
            throw new Error(
              `stopped with exit code ${State.ExitCode} (expected a graceful exit 0 on SIGTERM)`,
            );
          const stopped = Date.now() - t0;
          const msg = await start();
          return `stopped gracefully (exit 0) in ${stopped} ms; ${msg}`;
        });
        if (!ok) return report;
        continue;
      }
      const name = `${step.method} ${step.path}`;
      if (!(await timed(name, () => request(port, step, vars)))) return report;
    }
    report.ok = true;
    return report;
  } finally {
    if (!report.ok && container) report.logTail = await logTail(container);
    if (container) await container.remove({ force: true, v: true }).catch(() => undefined);
    if (volumeCreated)
      await docker
        .getVolume(volumeName)
        .remove()
        .catch(() => undefined);
  }
}

async function waitReady(c: Docker.Container, portKey: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await c.inspect();
    if (!info.State.Running)
      throw new Error(`container exited with code ${info.State.ExitCode} before becoming ready`);
    const port = Number(info.NetworkSettings.Ports?.[portKey]?.[0]?.HostPort ?? 0);
    const health = info.State.Health?.Status;
    // Ready when the service answers on its published port; Docker's health status only reports failure
    // (its first check runs one interval after start, too late to wait for).
    if (port && (await answers(port))) return port;
    if (health === 'unhealthy') throw new Error('container reported unhealthy');
    if (Date.now() > deadline)
      throw new Error(`not ready after ${timeoutMs / 1000}s (health: ${health ?? 'no healthcheck'})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function answers(port: number): Promise<boolean> {
  try {
    await fetchWithin(`http://127.0.0.1:${port}/`, {}, 1000);
    return true;
  } catch {
    return false;
  }
}

async function request(port: number, step: SmokeRequest, vars: Map<string, string>): Promise<string> {
  const path = step.path.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = vars.get(k);
    if (v === undefined) throw new Error(`{${k}} was not captured by an earlier step`);
    return encodeURIComponent(v);
  });
  const { res, text } = await fetchWithin(
    `http://127.0.0.1:${port}${path}`,
    {
      method: step.method,
      headers: step.body !== undefined ? { 'content-type': 'application/json' } : {},
      body: step.body !== undefined ? JSON.stringify(step.body) : null,
    },
    10_000,
  );
  if (res.status !== step.expectStatus)
    throw new Error(`expected status ${step.expectStatus}, got ${res.status}: ${text.slice(0, 200)}`);
  let json: unknown = null;
  if (step.expectJson || step.capture) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`expected a JSON body, got: ${text.slice(0, 200)}`);
    }
  }
  for (const [field, want] of Object.entries(step.expectJson ?? {})) {
    const got = pick(json, field);
    if (JSON.stringify(got) !== JSON.stringify(want))
      throw new Error(`${field}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  for (const [name, field] of Object.entries(step.capture ?? {})) {
    const got = pick(json, field);
    if (got === undefined) throw new Error(`capture ${name}: no field '${field}' in the response`);
    vars.set(name, String(got));
  }
  return `${res.status} ${path}`;
}

/**
 * fetch with a deadline held by a referenced timer: AbortSignal.timeout's timer is unreferenced, and a
 * connection that a dying container's port proxy leaves hanging would otherwise let the process exit mid-await.
 */
async function fetchWithin(
  url: string,
  init: RequestInit,
  ms: number,
): Promise<{ res: Response; text: string }> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(new Error(`no answer from ${url} within ${ms} ms`)), ms);
  try {
    const res = await fetch(url, { ...init, signal: ac.signal });
    return { res, text: await res.text() };
  } finally {
    clearTimeout(timer);
  }
}

const pick = (v: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      v,
    );

async function logTail(c: Docker.Container): Promise<string[]> {
  try {
    const { stdout, stderr } = demuxLogs(
      (await c.logs({ stdout: true, stderr: true, tail: 20 })) as unknown as Buffer,
    );
    return `${stdout}${stderr}`.trimEnd().split('\n').slice(-20);
  } catch {
    return [];
  }
}
