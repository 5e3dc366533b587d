/**
 * The two tables (gossfile/resources/index.ts declares, check/system/index.ts observes) cover the same types,
 * file for file, each pointing at its twin; what an observer needs of the target is what the check relies on
 * (the helper for the namespace types, a running container for the live ones, nothing else for the rest).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsHelper, runsTarget, SYSTEM } from '../../../src/check/system/index.js';
import { identityOf, RESOURCE_TYPES } from '../../../src/gossfile/index.js';
import { REPO } from '../../helpers/cli.js';
import { load } from '../gossfile/helpers.js';

describe('resource types: one module on each side', () => {
  it('both tables list the same types', () => {
    expect(Object.keys(SYSTEM).sort()).toEqual([...RESOURCE_TYPES].sort());
  });

  it('each type is gossfile/resources/<type>.ts and check/system/<type>.ts, each naming its twin first', () => {
    for (const t of RESOURCE_TYPES) {
      const declared = join(REPO, 'src/gossfile/resources', `${t}.ts`);
      const observed = join(REPO, 'src/check/system', `${t}.ts`);
      expect(existsSync(declared), declared).toBe(true);
      expect(existsSync(observed), observed).toBe(true);
      const first = (f: string) => readFileSync(f, 'utf8').split('\n').slice(0, 4).join('\n');
      expect(first(declared)).toContain(`check/system/${t}.ts`);
      expect(first(observed)).toContain(`gossfile/resources/${t}.ts`);
    }
  });

  it('what each needs of the target', () => {
    const by = (f: (t: (typeof RESOURCE_TYPES)[number]) => boolean) => RESOURCE_TYPES.filter(f);
    expect(by(needsHelper)).toEqual(['port', 'addr', 'http', 'dns', 'mount', 'kernel-param', 'interface']);
    expect(by((t) => runsTarget(t) && !needsHelper(t))).toEqual(['command', 'process', 'service']);
    expect(by((t) => SYSTEM[t].needs === 'fs')).toEqual(['file', 'package', 'user', 'group']);
    expect(by((t) => SYSTEM[t].needs === 'nothing')).toEqual(['matching', 'gossfile']);
  });

  it('an observer is given the identity and settings, never the expected values', () => {
    const [r] = load(
      'http:\n  https://example.com/h:\n    status: 204\n    body: [secret-expected]\n    timeout: 900\n',
    ).resources;
    if (!r) throw new Error('no resource');
    const t = identityOf(r);
    expect(t).toEqual({
      id: 'https://example.com/h',
      target: 'https://example.com/h',
      options: {
        url: 'https://example.com/h',
        method: 'GET',
        timeout: 900,
        'allow-insecure': false,
        'no-follow-redirects': false,
      },
      properties: ['status', 'body'],
    });
    expect(JSON.stringify(t)).not.toMatch(/204|secret-expected/);
  });

  it('only command resources given as a shell string are batched', () => {
    const rs = load(
      'command:\n  echo a: { exit-status: 0 }\n  b: { exec: [echo, b], exit-status: 0, timeout: 2000 }\nfile:\n  /x: { exists: true }\n',
    ).resources;
    expect(rs.map((r) => SYSTEM[r.type].batch?.(identityOf(r)) ?? null)).toEqual([
      { command: 'echo a', timeoutMs: 10_000 },
      null,
      null,
    ]);
  });
});
