/**
 * Semantic versions and ranges as goss checks them (github.com/blang/semver v4: `Parse`, `ParseRange`).
 *
 * A version is strict `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]` (no leading zeros, no `v`). A range is
 * `||`-separated alternatives of space-separated comparisons, all of which must hold: `>1.0.0 <2.0.0 !=1.5.0`,
 * `>5.0.0 || < 1.5.0`. Operators: `>`, `>=`, `<`, `<=`, `=`, `==`, `!=`, none (equal); a space may follow
 * the operator. Wildcards `1.x`, `1.2.*` expand as blang does (`1.x` is `>=1.0.0 <2.0.0`). Pre-releases are
 * ordered by semver precedence and are not excluded from ranges (unlike npm); build metadata is ignored.
 */

export interface Version {
  major: number;
  minor: number;
  patch: number;
  pre: (string | number)[];
}

const NUM = '(0|[1-9]\\d*)';
const PRE_ID = '(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)';
const VERSION = new RegExp(
  `^${NUM}\\.${NUM}\\.${NUM}(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?$`,
);

export function parseVersion(s: string): Version | undefined {
  const m = VERSION.exec(s);
  if (!m) return undefined;
  const pre = m[4] ? m[4].split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [];
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre };
}

export function compareVersions(a: Version, b: Version): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  if (!a.pre.length || !b.pre.length) return b.pre.length - a.pre.length;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i] as string | number;
    const y = b.pre[i] as string | number;
    if (x === y) continue;
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.pre.length - b.pre.length;
}

export type Range = (v: Version) => boolean;

const OPS: Record<string, (c: number) => boolean> = {
  '': (c) => c === 0,
  '=': (c) => c === 0,
  '==': (c) => c === 0,
  '!=': (c) => c !== 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
};

/** blang `ParseRange`; undefined when it would be rejected. */
export function parseRange(s: string): Range | undefined {
  const alternatives = s.split('||').map((part) => splitComparisons(part));
  if (alternatives.some((a) => a.length === 0)) return undefined;
  const ors: Range[] = [];
  for (const parts of alternatives) {
    const ands: Range[] = [];
    for (const p of parts) {
      const r = comparison(p);
      if (!r) return undefined;
      ands.push(r);
    }
    ors.push((v) => ands.every((r) => r(v)));
  }
  return (v) => ors.some((r) => r(v));
}

/** Splits on spaces, keeping an operator together with the version after it (`> 1.0.0`). */
function splitComparisons(part: string): string[] {
  const out: string[] = [];
  for (const tok of part.trim().split(/\s+/).filter(Boolean)) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /^[<>=!]+$/.test(prev)) out[out.length - 1] = prev + tok;
    else out.push(tok);
  }
  return out;
}

function comparison(tok: string): Range | undefined {
  const m = /^(>=|<=|!=|==|>|<|=)?(.*)$/.exec(tok) as RegExpExecArray;
  const op = m[1] ?? '';
  const body = m[2] as string;
  const wild = /^(\d+)(?:\.([xX*]|\d+))?(?:\.([xX*]))?$/.exec(body);
  if (wild && /[xX*]/.test(body)) return wildcard(op, wild);
  const v = parseVersion(body);
  const test = OPS[op];
  if (!v || !test) return undefined;
  return (x) => test(compareVersions(x, v));
}

/** `1.x` → [1.0.0, 2.0.0); `1.2.x` → [1.2.0, 1.3.0); the operator applies to that interval. */
function wildcard(op: string, m: RegExpExecArray): Range | undefined {
  const major = Number(m[1]);
  const minorWild = m[2] === undefined || /[xX*]/.test(m[2]);
  const minor = minorWild ? 0 : Number(m[2]);
  const lo: Version = { major, minor, patch: 0, pre: [] };
  const hi: Version = minorWild
    ? { major: major + 1, minor: 0, patch: 0, pre: [] }
    : { major, minor: minor + 1, patch: 0, pre: [] };
  const ge = (v: Version, b: Version) => compareVersions(v, b) >= 0;
  switch (op) {
    case '':
    case '=':
    case '==':
      return (v) => ge(v, lo) && !ge(v, hi);
    case '!=':
      return (v) => !ge(v, lo) || ge(v, hi);
    case '>':
    case '<=':
      return op === '>' ? (v) => ge(v, hi) : (v) => !ge(v, hi);
    case '>=':
      return (v) => ge(v, lo);
    case '<':
      return (v) => !ge(v, lo);
    default:
      return undefined;
  }
}
