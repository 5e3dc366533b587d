/**
 * The matcher language: a YAML value (as plain JS data) → a `Matcher`, as goss's resource/gomega.go
 * `matcherToGomegaMatcher` builds it. Problems carry the path to the offending value inside the attribute
 * so the loader can point at the exact YAML node.
 */
import { SPEC, suggestion } from '../codes.js';
import { consistOf, containElement, containElements, gjson, haveKey } from './collections.js';
import { parseGjsonPath } from './gjson.js';
import { and, not, or } from './logic.js';
import { patternRule, havePatterns as patternsMatcher } from './patterns.js';
import {
  cannotBuild,
  invalidArg,
  type MatcherProblem,
  type PathSegment,
  type Problems,
  problem,
  wrongArgument,
} from './problems.js';
import { compileGoRegexp } from './regexp.js';
import {
  type Comparator,
  equal,
  haveLen,
  matchRegexp,
  numeric,
  semverConstraint,
  stringOp,
} from './scalar.js';
import { parseRange } from './semver.js';
import { TO_ARRAY, TO_NUMERIC, TO_STRING, transformed } from './transforms.js';
import { type Matcher, unbuilt } from './types.js';
import { goQuote, isRecord, show } from './values.js';

export type { MatcherProblem, PathSegment, ProblemKind } from './problems.js';

export const MATCHER_NAMES = [
  'equal',
  'have-prefix',
  'have-suffix',
  'contain-substring',
  'match-regexp',
  'have-len',
  'have-patterns',
  'have-key',
  'contain-element',
  'contain-elements',
  'consist-of',
  'not',
  'and',
  'or',
  'gt',
  'ge',
  'lt',
  'le',
  'semver-constraint',
  'gjson',
] as const;

export interface CompiledMatcher {
  /**
   * The matcher goss would run: for `build` problems one that fails with goss's error; undefined only for
   * `refuse` problems.
   */
  matcher?: Matcher;
  problems: MatcherProblem[];
}

/** Compiles an attribute value; with `patterns`, a list is a list of line patterns (contents, stdout...). */
export function compileMatcher(value: unknown, opts: { patterns?: boolean } = {}): CompiledMatcher {
  const problems: MatcherProblem[] = [];
  const m =
    opts.patterns && Array.isArray(value) ? havePatterns(value, [], problems) : compile(value, [], problems);
  if (problems.some((p) => p.kind === 'refuse')) return { problems };
  // goss stops at the first matcher it cannot build (depth first, as compiled here).
  const first = problems.find((p) => p.kind === 'build');
  if (first) return { matcher: unbuilt(first.goss ?? first.message), problems };
  return { matcher: m as Matcher, problems };
}

/** Line patterns: goss builds them as they are; a pattern that is not a string, or a bad regexp, errors. */
function havePatterns(list: unknown[], path: PathSegment[], ps: Problems): Matcher {
  list.forEach((p, i) => {
    if (typeof p !== 'string')
      ps.push(
        problem(
          [...path, i],
          SPEC.matcherArgument,
          `a line pattern must be a string, got ${show(p)}`,
          'match',
        ),
      );
    else {
      const r = patternRule(p);
      if ('error' in r)
        ps.push(
          problem([...path, i], SPEC.regexp, `invalid regexp in pattern ${show(p)}: ${r.error}`, 'match'),
        );
    }
  });
  return patternsMatcher(list);
}

function list(v: unknown, path: PathSegment[], ps: Problems, name: string): Matcher[] | undefined {
  if (!Array.isArray(v))
    // sic: goss names contain-elements "contains-elements" here
    return wrongArgument(
      ps,
      path,
      name,
      'a list of matchers',
      'array',
      v,
      name === 'contain-elements' ? 'contains-elements' : name,
    );
  const out = v.map((x, i) => compile(x, [...path, i], ps));
  return out.every((m) => m !== undefined) ? (out as Matcher[]) : undefined;
}

function str(v: unknown, path: PathSegment[], ps: Problems, name: string): string | undefined {
  if (typeof v === 'string') return v;
  return wrongArgument(ps, path, name, 'a string', 'string', v);
}

function compile(v: unknown, path: PathSegment[], ps: Problems): Matcher | undefined {
  // resource/gomega.go: a plain value is compared after a conversion; a plain list is contain-elements as is.
  if (typeof v === 'string') return transformed(TO_STRING, equal(v));
  if (typeof v === 'number') return transformed(TO_NUMERIC, numeric('eq', v));
  if (typeof v === 'boolean') return equal(v);
  if (Array.isArray(v)) {
    const subs = v.map((x, i) => compile(x, [...path, i], ps));
    return subs.every((m) => m !== undefined) ? containElements(subs as Matcher[]) : undefined;
  }
  if (v === null || v === undefined)
    return cannotBuild(
      ps,
      path,
      SPEC.matcherArgument,
      'missing value: expected a value or a matcher',
      'Syntax Error: Missing required attribute',
    );
  if (!isRecord(v))
    return cannotBuild(
      ps,
      path,
      SPEC.matcherArgument,
      `unexpected value ${show(v)}`,
      invalidArg('matcher', 'map', v),
    );
  const keys = Object.keys(v);
  if (!keys.length) {
    ps.push(
      problem(
        path,
        SPEC.wrongType,
        `empty matcher: goss stops with a panic; expected one of ${MATCHER_NAMES.join(', ')}`,
        'refuse',
      ),
    );
    return undefined;
  }
  if (keys.length > 1)
    return cannotBuild(
      ps,
      path,
      SPEC.matcherArgument,
      `only one matcher is allowed at a given nesting level, found: ${keys.join(', ')}`,
      `Syntax Error: Invalid matcher configuration. At a given nesting level, only one matcher is allowed. Found multiple matchers: ${goQuote([...keys].sort())}`,
    );
  const name = keys[0] as string;
  const arg = v[name];
  const at = [...path, name];
  switch (name) {
    case 'equal':
      return equal(arg);
    case 'have-prefix':
    case 'have-suffix':
    case 'contain-substring': {
      const s = str(arg, at, ps, name);
      return s === undefined ? undefined : transformed(TO_STRING, stringOp(name, s));
    }
    case 'match-regexp': {
      const s = str(arg, at, ps, name);
      if (s === undefined) return undefined;
      const re = compileGoRegexp(s);
      if (!re.ok) ps.push(problem(at, SPEC.regexp, `invalid regexp ${show(s)}: ${re.error}`, 'match'));
      return transformed(TO_STRING, matchRegexp(s));
    }
    case 'semver-constraint': {
      const s = str(arg, at, ps, name);
      if (s === undefined) return undefined;
      if (!parseRange(s)) ps.push(problem(at, SPEC.semver, `invalid semver constraint ${show(s)}`, 'match'));
      return semverConstraint(s);
    }
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      if (typeof arg !== 'number')
        ps.push(problem(at, SPEC.matcherArgument, `'${name}' expects a number, got ${show(arg)}`, 'match'));
      return transformed(TO_NUMERIC, numeric(name as Comparator, arg));
    case 'have-len':
      if (typeof arg !== 'number') return wrongArgument(ps, at, name, 'a number', 'numeric', arg);
      return haveLen(Math.trunc(arg));
    case 'have-patterns':
      if (!Array.isArray(arg)) return wrongArgument(ps, at, name, 'a list of patterns', 'array', arg);
      return transformed(TO_STRING, havePatterns(arg, at, ps));
    case 'have-key': {
      const key = compile(arg, at, ps);
      return key && haveKey(key);
    }
    case 'contain-element': {
      if (!(isRecord(arg) || typeof arg === 'string' || typeof arg === 'number'))
        return wrongArgument(ps, at, name, 'a matcher, string or number', 'matcher, string or numeric', arg);
      const el = compile(arg, at, ps);
      return el && transformed(TO_ARRAY, containElement(el));
    }
    case 'contain-elements':
    case 'consist-of':
    case 'and':
    case 'or': {
      const subs = list(arg, at, ps, name);
      if (!subs) return undefined;
      if (name === 'contain-elements') return transformed(TO_ARRAY, containElements(subs));
      return name === 'consist-of' ? consistOf(subs) : name === 'and' ? and(subs) : or(subs);
    }
    case 'not': {
      const sub = compile(arg, at, ps);
      return sub && not(sub);
    }
    case 'gjson':
      return compileGjson(arg, at, ps);
    default:
      return cannotBuild(
        ps,
        at,
        SPEC.unknownMatcher,
        `unknown matcher '${name}'${suggestion(name, MATCHER_NAMES)}`,
        `Syntax Error: Unknown matcher: ${name}`,
        'key',
      );
  }
}

function compileGjson(arg: unknown, at: PathSegment[], ps: Problems): Matcher | undefined {
  if (!isRecord(arg)) return wrongArgument(ps, at, 'gjson', 'a mapping of paths to matchers', 'map', arg);
  const entries = [];
  let complete = true;
  for (const [path, sub] of Object.entries(arg)) {
    const parsed = parseGjsonPath(path);
    if (!parsed.ok)
      ps.push({
        ...problem([...at, path], SPEC.gjson, `gjson path '${path}': ${parsed.error}`, 'refuse'),
        on: 'key',
      });
    const m = compile(sub, [...at, path], ps);
    if (parsed.ok && m) entries.push({ path, parsed: parsed.path, m });
    else complete = false;
  }
  return complete ? gjson(entries) : undefined;
}
