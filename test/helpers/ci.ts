import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { ErrorPolicy } from '@actions/workflow-parser/model/convert';
import { parse } from 'yaml';
import { type CiSettings, ciSettings } from '../../src/ci/settings.js';
import { parseConfig } from '../../src/config/load.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import type { DockerfileModel } from '../../src/dockerfile/stage.js';

/** The stage model of Dockerfile text; fails the test when the fixture itself is invalid. */
export function modelOf(text: string): DockerfileModel {
  const { model, diagnostics } = parseDockerfile(text, 'Dockerfile', { platform: 'linux/amd64' });
  if (diagnostics.some((d) => d.severity === 'error'))
    throw new Error(`fixture does not parse: ${JSON.stringify(diagnostics)}`);
  return model;
}

/** CI settings as a repository at /r with this slipway.yaml would have them. */
export const settingsOf = (model: DockerfileModel, config = 'image: t\n', version = '9.9.9'): CiSettings =>
  ciSettings(parseConfig(config, '/r/slipway.yaml'), model, version);

export interface ParsedJob {
  id: string;
  needs: string[];
  if: string;
  raw: Record<string, unknown>;
}

/**
 * What GitHub makes of a workflow: `@actions/workflow-parser` (the parser of GitHub's language services)
 * parses it against the workflow schema, checks every expression, then converts it, which checks `needs`
 * (unknown jobs, cycles). Also checks what it does not: a job's expressions may only read `needs.X` of the jobs
 * it needs.
 */
export async function parseGithub(content: string): Promise<{ errors: string[]; jobs: ParsedJob[] }> {
  const parsed = parseWorkflow({ name: 'slipway.yml', content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  const jobs: ParsedJob[] = [];
  if (parsed.value) {
    const t = await convertWorkflowTemplate(parsed.context, parsed.value, undefined, {
      errorPolicy: ErrorPolicy.TryConversion,
    });
    for (const e of t.errors ?? []) if (!errors.includes(e.Message)) errors.push(e.Message);
    const raw = (parse(content) as { jobs?: Record<string, Record<string, unknown>> }).jobs ?? {};
    for (const j of t.jobs) {
      const id = j.id.value;
      const needs = (j.needs ?? []).map((n) => n.value);
      const text = JSON.stringify(raw[id] ?? {});
      for (const m of text.matchAll(/needs\.([A-Za-z_][A-Za-z0-9_-]*)/g))
        if (!needs.includes(m[1] as string))
          errors.push(`job '${id}' reads needs.${m[1]} but does not need job '${m[1]}'`);
      jobs.push({ id, needs, if: String(raw[id]?.if ?? ''), raw: raw[id] ?? {} });
    }
  }
  return { errors: [...new Set(errors)], jobs };
}

/**
 * The stage graph's edges between named stages, computed independently of src/ci: a breadth-first walk from
 * each named stage over its dependencies, stopping at named stages and passing through unnamed ones.
 */
export function namedEdges(model: DockerfileModel): [string, string][] {
  const byKey = new Map(model.stages.map((s) => [s.key, s]));
  const edges: [string, string][] = [];
  for (const s of model.stages.filter((x) => x.name !== null)) {
    const queue = [...s.dependsOn];
    const seen = new Set<string>();
    while (queue.length) {
      const k = queue.shift() as string;
      if (seen.has(k)) continue;
      seen.add(k);
      const d = byKey.get(k);
      if (!d) continue;
      if (d.name !== null) edges.push([d.key, s.key]);
      else queue.push(...d.dependsOn);
    }
  }
  return edges.sort();
}
