/**
 * Why a stage is built or tested, rule by rule (docs/plan.md "The rules"): the pure reasons the plan is made
 * of — inputs as BuildKit selects them, instruction text, ARGs, the ignore file's selection, base images, build
 * settings, specs — and "when in doubt, build". Data in, data out.
 */
import { applyIgnore } from '../context/dockerignore.js';
import { ContextIndex, selectSource } from '../context/sources.js';
import { cleanPath } from '../core/filepath-match.js';
import type { DockerfileModel, Stage } from '../dockerfile/stage.js';
import { type Change, GIT_MARKER, type PlanInput, type Reason, type RevisionView } from './plan-types.js';
import { type DockerfileText, dockerfileText, globalArg, stageArgs } from './stage-text.js';

/** At most this many input reasons per stage; the rest are counted in one summary reason. */
const MAX_INPUT_REASONS = 10;

/** One revision as the rules read it. */
export interface Side {
  view: RevisionView;
  model: DockerfileModel;
  text: DockerfileText;
  index: ContextIndex | null;
  memo: Map<string, string[]>;
}

/** "When in doubt, build": a reason that applies to every stage, or null when the base can be compared. */
export function doubt(input: PlanInput): Reason | null {
  const { base, meta } = input;
  if (!base) return { kind: 'no-base', text: meta.fallback?.reason ?? 'no base revision to compare with' };
  if ('error' in base.dockerfile)
    return {
      kind: 'instruction',
      text: `the Dockerfile cannot be read at the base revision (${base.dockerfile.error}): every stage is planned`,
      file: base.dockerfile.path,
      ...(base.dockerfile.line ? { line: base.dockerfile.line } : {}),
    };
  if ('error' in base.settings)
    return {
      kind: 'config',
      text: `the config cannot be read at the base revision (${base.settings.error}): every stage is planned`,
      ...(base.settings.file ? { file: base.settings.file } : {}),
    };
  return null;
}

export function side(view: RevisionView, model: DockerfileModel, text: string): Side {
  const index =
    view.ignore.matcher || view.ignore.patterns.length === 0
      ? new ContextIndex(applyIgnore(view.contextFiles, view.ignore), view.symlinks)
      : null;
  return { view, model, text: dockerfileText(model, text), index, memo: new Map() };
}

/** The context files (context-relative) a stage of this side reads. */
function inputsOf(s: Side, key: string): Set<string> {
  const st = s.text.stages.get(key);
  const out = new Set<string>();
  if (!st || !s.index) return out;
  for (const src of st.sources) {
    const k = JSON.stringify([src.kind, src.source, src.parents, src.exclude]);
    let files = s.memo.get(k);
    if (!files) {
      files = selectSource(s.index, src);
      s.memo.set(k, files);
    }
    for (const f of files) out.add(f);
  }
  return out;
}

const repoPath = (context: string, rel: string) => (context ? `${context}/${rel}` : rel);
const shorten = (t: string) => (t.length > 72 ? `${t.slice(0, 69)}...` : t);

export function buildReasons(stage: Stage, h: Side, b: Side, changes: readonly Change[]): Reason[] {
  const reasons: Reason[] = [];
  const bStage = b.model.stages.find((s) => s.key === stage.key);
  const ht = h.text.stages.get(stage.key);
  if (!bStage || !ht) return [{ kind: 'instruction', text: 'new stage', line: stage.line }];
  const bt = b.text.stages.get(stage.key);
  const dockerfile = (h.view.dockerfile as { path: string }).path;

  // 2. its own instructions, compared as BuildKit reads them (no comments, no line positions).
  for (const key of ['syntax', 'escape'])
    if (h.text.directives[key] !== b.text.directives[key])
      reasons.push({
        kind: 'instruction',
        text: `the '# ${key}=' parser directive changed`,
        file: dockerfile,
        line: 1,
      });
  if (bt && bt.texts.join('\u0000') !== ht.texts.join('\u0000')) {
    const i = ht.texts.findIndex((t, n) => t !== bt.texts[n]);
    const at = i < 0 ? ht.texts.length - 1 : i;
    const changed =
      i < 0
        ? 'an instruction was removed'
        : `${bt.texts.length <= i ? 'added' : 'changed'}: ${shorten((ht.texts[at] ?? '').split('\n')[0] ?? '')}`;
    reasons.push({
      kind: 'instruction',
      text: `instruction ${changed}`,
      file: dockerfile,
      line: ht.lines[at] ?? stage.line,
    });
  }

  // 3 and 7. ARGs from outside the stage: global defaults and build args from slipway.yaml.
  const hs = h.view.settings as { buildArgs: Record<string, string>; file: string | null };
  const bset = b.view.settings as { buildArgs: Record<string, string>; file: string | null };
  const ha = stageArgs(h.model, stage, ht.fromArgs, hs.buildArgs);
  const ba = stageArgs(b.model, bStage, bt?.fromArgs ?? [], bset.buildArgs);
  const seen = new Set<string>();
  for (const [k, v] of ha) {
    const old = ba.get(k);
    if (old && old.value === v.value) continue;
    if (!old && !v.global && v.value === null) continue; // a new ARG with a default: an instruction change
    if (seen.has(v.name)) continue;
    seen.add(v.name);
    if (hs.buildArgs[v.name] !== bset.buildArgs[v.name])
      reasons.push({
        kind: 'config',
        arg: v.name,
        text: `build arg ${v.name} changed in ${hs.file ?? 'slipway.yaml'} (buildArgs)`,
        ...(hs.file ? { file: hs.file } : {}),
      });
    else {
      const g = globalArg(h.model, v.name);
      reasons.push({
        kind: 'arg',
        arg: v.name,
        text: `global ARG ${v.name} changed: ${JSON.stringify(old?.value ?? null)} → ${JSON.stringify(v.value)}`,
        file: dockerfile,
        ...(g ? { line: g.line } : {}),
      });
    }
  }

  // 6. the external base image (and images it copies or mounts from), after ARG substitution.
  if (stage.baseImage !== bStage.baseImage || stage.platform !== bStage.platform)
    reasons.push({
      kind: 'base-image',
      text: `base image ${bStage.baseImage ?? bStage.from} → ${stage.baseImage ?? stage.from}${stage.platform !== bStage.platform ? ` (platform ${stage.platform ?? 'default'})` : ''}`,
      file: dockerfile,
      line: stage.line,
    });
  for (const img of stage.images)
    if (img !== stage.baseImage && !bStage.images.includes(img))
      reasons.push({ kind: 'base-image', text: `now uses image ${img}`, file: dockerfile, line: stage.line });

  reasons.push(...inputReasons(stage.key, h, b, changes));
  return reasons;
}

/** 1 and 4: changed files among its inputs (at either side), and files the ignore-file change adds or drops. */
function inputReasons(key: string, h: Side, b: Side, changes: readonly Change[]): Reason[] {
  const sources = h.text.stages.get(key)?.sources ?? [];
  if (!sources.length && !(b.text.stages.get(key)?.sources.length ?? 0)) return [];
  const reasons: Reason[] = [];
  for (const [s, label] of [
    [h, 'head'],
    [b, 'the base revision'],
  ] as const)
    if (!s.index)
      reasons.push({
        kind: 'ignore-file',
        text: `the ignore file is refused at ${label} (${s.view.ignore.problem?.message ?? 'invalid'}): its inputs are unknown`,
        ...(s.view.ignore.file ? { file: s.view.ignore.file } : {}),
        ...(s.view.ignore.problem ? { line: s.view.ignore.problem.range.start.line } : {}),
      });
  if (reasons.length) return reasons;
  if (h.view.context !== b.view.context)
    return [
      {
        kind: 'config',
        text: `the build context moved: ${b.view.context || '.'} → ${h.view.context || '.'}`,
      },
    ];
  const hin = inputsOf(h, key);
  const bin = inputsOf(b, key);
  const ctx = h.view.context;
  const changed = new Set<string>();
  const hits: Reason[] = [];
  for (const c of changes) {
    if (ctx && !c.path.startsWith(`${ctx}/`)) continue;
    const rel = ctx ? c.path.slice(ctx.length + 1) : c.path;
    changed.add(rel);
    if (hin.has(rel) || bin.has(rel))
      hits.push(
        c.path === GIT_MARKER
          ? {
              kind: 'input',
              file: '.git',
              text: '.git is in its build context (the ignore file does not drop it): it differs at every commit',
            }
          : {
              kind: 'input',
              file: c.path,
              text: `${c.path} ${c.status === 'A' ? 'added' : c.status === 'D' ? 'deleted' : 'modified'}`,
            },
      );
  }
  reasons.push(...hits.slice(0, MAX_INPUT_REASONS));
  if (hits.length > MAX_INPUT_REASONS) {
    const more = hits.length - MAX_INPUT_REASONS;
    reasons.push({ kind: 'input', text: `and ${more} more changed input files`, count: more });
  }
  const added = [...hin].filter((f) => !bin.has(f) && !changed.has(f));
  const dropped = [...bin].filter((f) => !hin.has(f) && !changed.has(f));
  const ignoreChanged =
    h.view.ignore.file !== b.view.ignore.file ||
    h.view.ignore.patterns.join('\n') !== b.view.ignore.patterns.join('\n');
  if (!hits.length && !added.length && !dropped.length && ignoreChanged) {
    const dir = dirChange(key, h, b);
    if (dir)
      reasons.push({
        kind: 'ignore-file',
        text: `the ignore-file change ${dir.added ? 'adds' : 'drops'} the directory ${repoPath(ctx, dir.path)} to its inputs`,
        ...((h.view.ignore.file ?? b.view.ignore.file)
          ? { file: (h.view.ignore.file ?? b.view.ignore.file) as string }
          : {}),
      });
  }
  if (added.length || dropped.length) {
    const what = [
      added.length
        ? `adds ${added.length} file${added.length > 1 ? 's' : ''} (${repoPath(ctx, added[0] as string)}${added.length > 1 ? ', ...' : ''})`
        : '',
      dropped.length
        ? `drops ${dropped.length} (${repoPath(ctx, dropped[0] as string)}${dropped.length > 1 ? ', ...' : ''})`
        : '',
    ].filter(Boolean);
    reasons.push(
      ignoreChanged
        ? {
            kind: 'ignore-file',
            text: `the ignore-file change ${what.join(' and ')} to its inputs`,
            ...((h.view.ignore.file ?? b.view.ignore.file)
              ? { file: (h.view.ignore.file ?? b.view.ignore.file) as string }
              : {}),
          }
        : { kind: 'input', text: `its input set changed: ${what.join(' and ')}` },
    );
  }
  return reasons;
}

/** A stage that is not rebuilt is tested again when its spec, an included file or its test settings changed. */
export function testReasons(
  key: string,
  head: RevisionView,
  base: RevisionView,
  changes: readonly Change[],
): Reason[] {
  const reasons: Reason[] = [];
  const spec = head.specs[key];
  const old = base.specs[key];
  if (spec?.error)
    reasons.push({
      kind: 'spec',
      file: spec.file,
      text: `the spec does not load (${spec.error}): tested to report it`,
    });
  if (spec && !old) reasons.push({ kind: 'spec', file: spec.file, text: `new spec ${spec.file}` });
  else if (spec && old && old.file !== spec.file)
    reasons.push({ kind: 'spec', file: spec.file, text: `the spec moved: ${old.file} → ${spec.file}` });
  const files = new Set(spec ? [...spec.files, ...(old?.files ?? [])] : []);
  for (const c of changes)
    if (spec && files.has(c.path))
      reasons.push({
        kind: 'spec',
        file: c.path,
        text: `${c.path} ${c.status === 'A' ? 'added' : c.status === 'D' ? 'deleted' : 'modified'}${c.path === spec.file || c.path === old?.file ? '' : ' (included by the spec)'}`,
      });
  const hs = head.settings as { test: Record<string, unknown>; file: string | null };
  const bs = base.settings as { test: Record<string, unknown> };
  if (JSON.stringify(hs.test[key] ?? null) !== JSON.stringify(bs.test[key] ?? null))
    reasons.push({
      kind: 'config',
      text: `its test settings changed in ${hs.file ?? 'slipway.yaml'}`,
      ...(hs.file ? { file: hs.file } : {}),
    });
  return reasons;
}

/**
 * A directory the ignore file lets in at one side and not the other, below what the stage reads — an
 * empty directory (all its files ignored) is still sent, and COPY creates it. Files alone cannot show it:
 * git lists no directory. Below each source's literal part (a sound over-approximation for wildcards).
 */
function dirChange(key: string, h: Side, b: Side): { path: string; added: boolean } | null {
  const roots = new Set<string>();
  for (const s of [h, b])
    for (const src of s.text.stages.get(key)?.sources ?? []) roots.add(literalPart(src.source, src.kind));
  const hd = includedDirs(h);
  const bd = includedDirs(b);
  const inRoots = (d: string) => [...roots].some((r) => r === '' || d.startsWith(`${r}/`) || d === r);
  for (const d of hd) if (!bd.has(d) && inRoots(d)) return { path: d, added: true };
  for (const d of bd) if (!hd.has(d) && inRoots(d)) return { path: d, added: false };
  return null;
}

const dirsOf = new WeakMap<Side, Set<string>>();

/** The directories of the context BuildKit sends: not ignored themselves, or holding a file it sends. */
function includedDirs(s: Side): Set<string> {
  let known = dirsOf.get(s);
  if (!known) {
    known = computeIncludedDirs(s);
    dirsOf.set(s, known);
  }
  return known;
}

function computeIncludedDirs(s: Side): Set<string> {
  const all = new Set<string>();
  for (const f of s.view.contextFiles)
    for (let i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) all.add(f.slice(0, i));
  const out = new Set(applyIgnore([...all], s.view.ignore));
  for (const f of s.index?.files ?? [])
    for (let i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) out.add(f.slice(0, i));
  return out;
}

/** The part of a source before its first wildcard segment, cleaned ('' for the root or a variable). */
function literalPart(source: string, kind: 'copy' | 'mount'): string {
  if (source.includes('$')) return '';
  const clean = cleanPath(`/${source}`).slice(1);
  const segs = clean === '' ? [] : clean.split('/');
  const k = kind === 'mount' ? -1 : segs.findIndex((x) => /[*?[]/.test(x));
  return (k < 0 ? segs : segs.slice(0, k)).join('/');
}
