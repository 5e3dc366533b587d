import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../../src/check/specs.js';
import type { UserError } from '../../../src/core/errors.js';
import { load, specDir, where } from './helpers.js';

/** The check before the target exists: every `.Env.X` is a placeholder (''). */
const precheck = (files: Record<string, string> | string, vars: Record<string, unknown> = {}) =>
  load(files, { envUnknown: true, vars });

const twoApps = [
  'file:',
  '  /opt/{{ .Env.APP_A }}:',
  '    exists: true',
  '  /opt/{{ .Env.APP_B }}:',
  '    exists: true',
  '',
].join('\n');

describe('a spec checked before .Env is known: what depends on it waits for the real render', () => {
  it('keys that differ only by .Env values are not a duplicate before the env is known', () => {
    expect(precheck(twoApps).diagnostics).toEqual([]);
    const real = load(twoApps, { env: { APP_A: 'a', APP_B: 'b' } });
    expect(real.diagnostics).toEqual([]);
    expect(real.resources.map((r) => r.id)).toEqual(['/opt/a', '/opt/b']);
    // With an environment that makes them equal, the real render reports it, located.
    expect(where(load(twoApps, { env: { APP_A: 'x', APP_B: 'x' } }).diagnostics)).toEqual([
      'goss.yaml:4:3 SPEC002',
    ]);
  });

  it('a value from .Env is not judged by its placeholder (no false SPEC008 or SPEC018)', () => {
    const spec = 'file:\n  /etc/x:\n    exists: {{ .Env.EXPECTED }}\n  /etc/y:\n    mode: {{ .Env.MODE }}\n';
    expect(precheck(spec).diagnostics).toEqual([]);
    expect(load(spec, { env: { EXPECTED: 'true', MODE: '"0644"' } }).diagnostics).toEqual([
      "goss.yaml:4:3: warning SPEC008 file '/etc/y': missing required attribute 'exists' (goss reports 'exists' as failed)",
    ]);
    expect(where(load(spec, { env: { EXPECTED: '', MODE: '"0644"' } }).diagnostics)).toEqual([
      'goss.yaml:2:3 SPEC008',
      'goss.yaml:4:3 SPEC008',
    ]);
  });

  it('what does not depend on .Env is reported at once, in the same file', () => {
    const spec = [
      'fiel:',
      '  /etc/a: {exists: true}',
      'file:',
      '  /etc/{{ .Env.X }}:',
      '    exists: true',
      '  /etc/b:',
      '    exists: 1',
      '  /etc/c:',
      '    exists: true',
      '{{ if .Env.DEBUG }}    mode: "0644"',
      '{{ end }}  /etc/d:',
      '    mode: "0644"',
      '',
    ].join('\n');
    expect(where(precheck(spec).diagnostics)).toEqual([
      'goss.yaml:1:1 SPEC005',
      'goss.yaml:7:13 SPEC018',
      'goss.yaml:11:12 SPEC008',
    ]);
    // The placeholder's resources are left out of a check's spec; the rest are there.
    expect(precheck(spec).resources.map((r) => r.id)).toEqual(['/etc/b', '/etc/d']);
  });

  it('a template error that does not depend on .Env fails the check (SPEC003); one that does waits', () => {
    expect(precheck('file:\n  /etc/{{ .Vars.v }}:\n    exists: true\n').diagnostics).toEqual([
      'goss.yaml:2:11: error SPEC003 template: map has no entry for key "v" (at <.Vars.v>)',
    ]);
    expect(precheck('{{ .Env.X }}\n{{ .Vars.v }}\n').diagnostics).toHaveLength(1);
    expect(precheck('{{ index .Vars .Env.OS }}\n').diagnostics).toEqual([]);
    expect(precheck('{{ $os := .Env.OS }}{{ index .Vars $os }}\n').diagnostics).toEqual([]);
    expect(precheck('{{ if .Env.X }}{{ .Vars.v }}{{ end }}\n').diagnostics).toEqual([]);
    expect(precheck('{{ range .Env.X }}{{ end }}\n').diagnostics).toEqual([]);
    expect(precheck('{{ getEnv "X" | printf "%s" | index .Vars }}\n').diagnostics).toEqual([]);
    // Not under an .Env condition: reported.
    expect(
      precheck('{{ if .Vars.on }}{{ .Env.X }}{{ .Vars.v }}{{ end }}\n', { on: true }).diagnostics,
    ).toHaveLength(1);
  });

  it('.Env reaches a resource through a variable or an alias: it waits too', () => {
    const viaVar = '{{ $e := .Env.EXPECTED }}file:\n  /etc/x:\n    exists: {{ $e }}\n';
    expect(precheck(viaVar).diagnostics).toEqual([]);
    const viaAlias = 'file:\n  /etc/x: &a\n    exists: {{ .Env.E }}\n  /etc/y: *a\n  /etc/z: {}\n';
    expect(where(precheck(viaAlias).diagnostics)).toEqual(['goss.yaml:5:3 SPEC008']);
  });

  it('loadSpecs: the pipeline and `slipway test` check (exit 2 only for what is wrong whatever the env)', () => {
    const dir = specDir({
      'a.yaml': twoApps,
      'b.yaml': 'file:\n  /etc/x:\n    exists: {{ .Env.EXPECTED }}\n',
      'c.yaml': 'file:\n  /etc/{{ .Vars.v }}:\n    exists: true\n',
    });
    const f = (n: string) => `${dir}/${n}`;
    expect(loadSpecs([f('a.yaml'), f('b.yaml')], dir, { strict: true }).warnings).toEqual([]);
    let caught: UserError | undefined;
    try {
      loadSpecs([f('c.yaml')], dir);
    } catch (e) {
      caught = e as UserError;
    }
    expect(caught?.diagnostics?.map((d) => d.code)).toEqual(['SPEC003']);
    // With the target's environment the spec is checked in full.
    expect(() => loadSpecs([f('b.yaml')], dir, { env: { EXPECTED: '' }, strict: true })).toThrow(/--strict/);
  });
});
