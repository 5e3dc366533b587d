/**
 * The matcher language: a YAML value (as plain JS data) → a `Matcher`, as goss's resource/gomega.go
 * `matcherToGomegaMatcher` builds it. Problems carry the path to the offending value inside the attribute
 * so the loader can point at the exact YAML node.
 */
import { SPEC, type SpecCode, suggestion } from '../codes.js';
import { consistOf, containElement, containElements, gjson, haveKey, haveLen } from './collections.js';
import { parseGjsonPath } from './gjson.js';
import { and, not, or } from './logic.js';
import { havePatterns, patternRule } from './patterns.js';
import { compileGoRegexp } from './regexp.js';
import {
  type Comparator,
  equal,
  matchRegexp,
  numeric,
  semverConstraint,
  stringEqual,
  stringOp,
} from './scalar.js';
import { parseRange } from './semver.js';
import type { Matcher } from './types.js';
import { isRecord, show } from './values.js';

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

export type PathSegment = string | number;

export interface MatcherProblem {
  /** Keys and list indexes from the attribute's value down to the offending node. */
  path: PathSegment[];
  /** Whether the problem is the map key at the end of `path` (an unknown matcher name) or its value. */
  on: 'key' | 'value';
  code: SpecCode;
  message: string;
}

export interface CompiledMatcher {
  /** Undefined when there were problems. */
  matcher?: Matcher;
  problems: MatcherProblem[];
}

/** Compiles an attribute value; with `patterns`, a list is a list of line patterns (contents, stdout...). */
export function compileMatcher(value: unknown, opts: { patterns?: boolean } = {}): CompiledMatcher {
  const problems: MatcherProblem[] = [];
  const m =
    opts.patterns && Array.isArray(value) ? patterns(value, [], problems) : compile(value, [], problems);
  return problems.length ? { problems } : { matcher: m as Matcher, problems };
}

type Problems = MatcherProblem[];

function patterns(list: unknown[], path: PathSegment[], ps: Problems, name?: string): Matcher | undefined {
  const before = ps.length;
  list.forEach((p, i) => {
    if (typeof p !== 'string')
      ps.push(problem([...path, i], SPEC.wrongType, `a line pattern must be a string, got ${show(p)}`));
    else {
      const r = patternRule(p);
      if ('error' in r)
        ps.push(problem([...path, i], SPEC.regexp, `invalid regexp in pattern ${show(p)}: ${r.error}`));
    }
  });
  return ps.length > before ? undefined : havePatterns(list as string[], name);
}

const problem = (path: PathSegment[], code: SpecCode, message: string, on: 'key' | 'value' = 'value') => ({
  path,
  on,
  code,
  message,
});

function list(v: unknown, path: PathSegment[], ps: Problems, name: string): Matcher[] | undefined {
  if (!Array.isArray(v)) {
    ps.push(problem(path, SPEC.matcherArgument, `'${name}' expects a list of matchers, got ${show(v)}`));
    return undefined;
  }
  const out = v.map((x, i) => compile(x, [...path, i], ps));
  return out.every((m) => m !== undefined) ? (out as Matcher[]) : undefined;
}

function str(v: unknown, path: PathSegment[], ps: Problems, name: string): string | undefined {
  if (typeof v === 'string') return v;
  ps.push(problem(path, SPEC.matcherArgument, `'${name}' expects a string, got ${show(v)}`));
  return undefined;
}

function compile(v: unknown, path: PathSegment[], ps: Problems): Matcher | undefined {
  if (typeof v === 'string') return stringEqual(v);
  if (typeof v === 'number') return numeric('eq', v);
  if (typeof v === 'boolean') return equal(v);
  if (Array.isArray(v)) {
    const subs = v.map((x, i) => compile(x, [...path, i], ps));
    return subs.every((m) => m !== undefined) ? containElements(subs as Matcher[], v, false) : undefined;
  }
  if (!isRecord(v)) {
    ps.push(problem(path, SPEC.matcherArgument, 'missing value: expected a value or a matcher'));
    return undefined;
  }
  const keys = Object.keys(v);
  if (keys.length !== 1) {
    const msg = keys.length
      ? `only one matcher is allowed at a given nesting level, found: ${keys.join(', ')}`
      : `empty matcher: expected one of ${MATCHER_NAMES.join(', ')}`;
    ps.push(problem(path, SPEC.matcherArgument, msg));
    return undefined;
  }
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
      return s === undefined ? undefined : stringOp(name, s);
    }
    case 'match-regexp': {
      const s = str(arg, at, ps, name);
      if (s === undefined) return undefined;
      const re = compileGoRegexp(s);
      if (!re.ok) ps.push(problem(at, SPEC.regexp, `invalid regexp ${show(s)}: ${re.error}`));
      return re.ok ? matchRegexp(s) : undefined;
    }
    case 'semver-constraint': {
      const s = str(arg, at, ps, name);
      if (s === undefined) return undefined;
      if (!parseRange(s)) ps.push(problem(at, SPEC.semver, `invalid semver constraint ${show(s)}`));
      return parseRange(s) ? semverConstraint(s) : undefined;
    }
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
    case 'have-len':
      if (typeof arg !== 'number') {
        ps.push(problem(at, SPEC.matcherArgument, `'${name}' expects a number, got ${show(arg)}`));
        return undefined;
      }
      return name === 'have-len' ? haveLen(Math.trunc(arg)) : numeric(name as Comparator, arg);
    case 'have-patterns':
      if (!Array.isArray(arg)) {
        ps.push(
          problem(at, SPEC.matcherArgument, `'have-patterns' expects a list of patterns, got ${show(arg)}`),
        );
        return undefined;
      }
      return patterns(arg, at, ps);
    case 'have-key': {
      const key = compile(arg, at, ps);
      return key && haveKey(key, arg);
    }
    case 'contain-element': {
      if (!(isRecord(arg) || typeof arg === 'string' || typeof arg === 'number')) {
        const msg = `'contain-element' expects a matcher, string or number, got ${show(arg)}`;
        ps.push(problem(at, SPEC.matcherArgument, msg));
        return undefined;
      }
      const el = compile(arg, at, ps);
      return el && containElement(el, arg);
    }
    case 'contain-elements':
    case 'consist-of':
    case 'and':
    case 'or': {
      const subs = list(arg, at, ps, name);
      if (!subs) return undefined;
      if (name === 'contain-elements') return containElements(subs, arg, true);
      return name === 'consist-of' ? consistOf(subs, arg) : name === 'and' ? and(subs, arg) : or(subs, arg);
    }
    case 'not': {
      const sub = compile(arg, at, ps);
      return sub && not(sub, arg);
    }
    case 'gjson':
      return compileGjson(arg, at, ps);
    default:
      ps.push(
        problem(
          at,
          SPEC.unknownMatcher,
          `unknown matcher '${name}'${suggestion(name, MATCHER_NAMES)}`,
          'key',
        ),
      );
      return undefined;
  }
}

function compileGjson(arg: unknown, at: PathSegment[], ps: Problems): Matcher | undefined {
  if (!isRecord(arg)) {
    ps.push(
      problem(at, SPEC.matcherArgument, `'gjson' expects a mapping of paths to matchers, got ${show(arg)}`),
    );
    return undefined;
  }
  const entries = [];
  const before = ps.length;
  for (const [path, sub] of Object.entries(arg)) {
    const parsed = parseGjsonPath(path);
    if (!parsed.ok)
      ps.push(problem([...at, path], SPEC.gjson, `gjson path '${path}': ${parsed.error}`, 'key'));
    const m = compile(sub, [...at, path], ps);
    if (parsed.ok && m) entries.push({ path, parsed: parsed.path, m });
  }
  return ps.length > before ? undefined : gjson(entries, arg);
}
