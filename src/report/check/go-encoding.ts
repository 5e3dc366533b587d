/** Go's encodings of values, as goss's outputs write them: encoding/json, encoding/xml's escaping, times. */
import { isRecord } from '../../gossfile/matchers/values.js';

/**
 * Go encoding/json: a `Map` is a struct (fields in order), a plain object a Go map (keys sorted). `html`
 * escapes <, > and & as json.Marshal does (goss's prettyPrint turns that off); `indent` as MarshalIndent.
 */
export function goJson(v: unknown, opts: { html?: boolean; indent?: string } = {}, depth = 0): string {
  const nl = opts.indent === undefined ? '' : `\n${opts.indent.repeat(depth + 1)}`;
  const end = opts.indent === undefined ? '' : `\n${opts.indent.repeat(depth)}`;
  const colon = opts.indent === undefined ? ':' : ': ';
  const str = (s: string) => {
    const j = JSON.stringify(s)
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029');
    return opts.html ? j.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026') : j;
  };
  const entries = (es: [string, unknown][]) =>
    es.length
      ? `{${es.map(([k, x]) => `${nl}${str(k)}${colon}${goJson(x, opts, depth + 1)}`).join(',')}${end}}`
      : '{}';
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v))
    return v.length ? `[${v.map((x) => `${nl}${goJson(x, opts, depth + 1)}`).join(',')}${end}]` : '[]';
  if (v instanceof Map) return entries([...v.entries()] as [string, unknown][]);
  if (isRecord(v))
    return entries(
      Object.keys(v)
        .sort()
        .map((k) => [k, v[k]]),
    );
  return str(String(v));
}

/** Go encoding/xml EscapeText. */
export function xmlEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '&#34;';
    else if (ch === "'") out += '&#39;';
    else if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '\t') out += '&#x9;';
    else if (ch === '\n') out += '&#xA;';
    else if (ch === '\r') out += '&#xD;';
    else if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) out += '\uFFFD';
    else out += ch;
  }
  return out;
}

/** Go time.Time in JSON (RFC 3339 with the fraction's trailing zeros dropped), in UTC. */
export const goTime = (ms: number) => new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z');
/** Go time.RFC3339 (whole seconds), in UTC. */
export const goTimeSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
export const nanoseconds = (ms: number) => Math.round(ms * 1e6);
/** `%.3f` of a duration in seconds. */
export const seconds3 = (ms: number) => (ms / 1000).toFixed(3);
