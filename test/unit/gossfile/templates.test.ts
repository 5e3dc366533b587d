import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INLINE_VARS, loadVars, renderTemplate } from '../../../src/gossfile/index.js';
import { load, specDir } from './helpers.js';

const render = (
  src: string,
  vars: Record<string, unknown> = {},
  env: Record<string, string | undefined> = {},
) => {
  const r = renderTemplate(src, { env, vars });
  if (r.problems.length) throw new Error(r.problems.map((p) => `${p.code} ${p.message}`).join('; '));
  return r.text;
};
const problem = (src: string, vars: Record<string, unknown> = {}) =>
  renderTemplate(src, { env: {}, vars }).problems[0];

describe('goss templates', () => {
  it('.Env and nested .Vars; a missing key is an error (missingkey=error)', () => {
    expect(render('{{ .Env.HOME }} {{ .Vars.app.port }}', { app: { port: 3000 } }, { HOME: '/root' })).toBe(
      '/root 3000',
    );
    expect(problem('{{ .Vars.app.nope }}', { app: {} })?.message).toBe(
      'template: map has no entry for key "nope" (at <.Vars.app.nope>)',
    );
    expect(problem('{{ .Env.UNSET }}')?.code).toBe('SPEC003');
    expect(problem('{{ .Vars.name.x }}', { name: 'a' })?.message).toContain(
      "can't evaluate field x in type string",
    );
  });

  it('prints values as Go does', () => {
    expect(
      render('{{ .Vars.l }} {{ .Vars.m }} {{ .Vars.n }} {{ .Vars.f }} {{ .Vars.b }}', {
        l: ['a', 1],
        m: { b: 2, a: 1 },
        n: null,
        f: 0.5,
        b: true,
      }),
    ).toBe('[a 1] map[a:1 b:2] <no value> 0.5 true');
  });

  it('goss functions: toLower, toUpper, getEnv with a default, regexMatch, mkSlice, findStringSubmatch', () => {
    expect(render('{{ "MiXeD" | toLower }} {{ toUpper "x" }}')).toBe('mixed X');
    expect(
      render('{{ getEnv "A" }}|{{ getEnv "B" "dflt" }}|{{ getEnv "C" "dflt" }}', {}, { A: 'a', C: '' }),
    ).toBe('a|dflt|dflt');
    expect(
      render('{{ if .Env.OS | regexMatch "[Cc]ent(OS|os)" }}yes{{ else }}no{{ end }}', {}, { OS: 'CentOS' }),
    ).toBe('yes');
    expect(render('{{ range mkSlice "/etc/passwd" "/etc/group" }}{{ . }};{{ end }}')).toBe(
      '/etc/passwd;/etc/group;',
    );
    expect(
      render(
        '{{ $m := findStringSubmatch "(?P<user>\\\\w+)@(\\\\w+)" "me@host" }}{{ get $m "user" }} {{ index $m "2" }}',
      ),
    ).toBe('me host');
  });

  it('pure Sprig functions', () => {
    expect(render('{{ "hello!" | upper | repeat 2 }}')).toBe('HELLO!HELLO!');
    expect(render('{{ .Vars.x | default "none" }} {{ list 1 2 | join "," }} {{ add 1 2 }}', { x: '' })).toBe(
      'none 1,2 3',
    );
    expect(
      render('{{ dict "a" 1 | toJson }} {{ "a,b" | splitList "," | len }} {{ trimSuffix ".yaml" "x.yaml" }}'),
    ).toBe('{"a":1} 2 x');
  });

  it('if / else if / else, with, comparisons, and / or / not', () => {
    const t = '{{ if eq .Vars.os "debian" }}deb{{ else if eq .Vars.os "alpine" }}apk{{ else }}?{{ end }}';
    expect(render(t, { os: 'alpine' })).toBe('apk');
    expect(render(t, { os: 'arch' })).toBe('?');
    expect(render('{{ with .Vars.port }}port {{ . }}{{ else }}none{{ end }}', { port: 0 })).toBe('none');
    expect(
      render('{{ if and .Vars.a (not .Vars.b) }}1{{ end }}{{ if or .Vars.b (gt 3 2) }}2{{ end }}', {
        a: 1,
        b: '',
      }),
    ).toBe('12');
    expect(problem('{{ if eq 1 "1" }}{{ end }}')?.message).toContain('incompatible types for comparison');
  });

  it('range over lists and maps (sorted keys), with variables and else', () => {
    const vars = { users: ['u1', 'u2'], pkgs: { zlib: ['1'], curl: ['7', '8'] } };
    expect(render('{{ range $i, $u := .Vars.users }}{{ $i }}={{ $u }} {{ end }}', vars)).toBe('0=u1 1=u2 ');
    expect(
      render(
        '{{ range $name, $vers := .Vars.pkgs }}{{ $name }}:{{ range $vers }}{{ . }}{{ end }} {{ end }}',
        vars,
      ),
    ).toBe('curl:78 zlib:1 ');
    expect(render('{{ range .Vars.none }}x{{ else }}empty{{ end }}', { none: [] })).toBe('empty');
    expect(render('{{ $x := 1 }}{{ range .Vars.users }}{{ $x = 2 }}{{ end }}{{ $x }}', vars)).toBe('2');
  });

  it('trim markers and comments', () => {
    expect(render('file:\n{{- range mkSlice "a" "b" }}\n  {{ . }}: {}\n{{- end }}\n')).toBe(
      'file:\n  a: {}\n  b: {}\n',
    );
    expect(render('a {{/* note */}} b {{- /* x */ -}} c')).toBe('a  bc');
  });

  it('reports syntax errors and unsupported constructs with their location', () => {
    expect(problem('x\n{{ if }}{{ end }}')).toMatchObject({ code: 'SPEC003', start: 2 });
    expect(problem('{{ end }}')?.message).toBe('template: unexpected {{end}}');
    expect(problem('{{ .Vars.x')?.message).toBe('template: unclosed action');
    expect(problem('{{ template "x" }}')).toMatchObject({ code: 'SPEC004' });
    expect(problem('{{ break }}')).toMatchObject({ code: 'SPEC004' });
    expect(problem('{{ now }}')?.message).toBe(
      "template: function 'now' is not supported: it depends on the time",
    );
    expect(problem('{{ toUpper "a" "b" }}')?.message).toContain('wrong number of args for toUpper');
  });

  it('only .Env and .Vars exist at the top; a literal {{ is written as {{ "{{" }}', () => {
    expect(problem("docker inspect -f '{{.State.Running}}'")?.message).toContain(
      "can't evaluate field State in type *goss.TmplVars",
    );
    expect(render('-f \'{{ "{{" }}.State.Running{{ "}}" }}\'')).toBe("-f '{{.State.Running}}'");
  });

  it('a file without actions is left alone', () => {
    const src = 'command:\n  echo "}}{":\n    exit-status: 0\n';
    expect(render(src)).toBe(src);
  });

  it('renders a gossfile before parsing it', () => {
    const r = load(
      `package:
{{- range $name, $v := index .Vars .Env.OS "packages" }}
  {{ $name }}:
    installed: true
    versions: [{{ $v }}]
{{- end }}
{{ if eq .Env.OS "centos" }}
  libselinux:
    installed: true
{{ end }}`,
      { env: { OS: 'centos' }, vars: { centos: { packages: { kernel: '4.9.11' } } } },
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.resources.map((x) => x.id)).toEqual(['kernel', 'libselinux']);
    expect(r.resources[0]?.range.start).toEqual({ line: 3, column: 3 });
  });
});

describe('vars: --vars FILE and --vars-inline, inline wins key by key', () => {
  it('merges YAML or JSON sources at the top level', () => {
    const dir = specDir({ 'vars.yaml': 'a: 1\nb: {x: 1}\n' });
    const r = loadVars({ file: join(dir, 'vars.yaml'), inline: '{"b": {"y": 2}, "c": 3}' });
    expect(r).toEqual({ vars: { a: 1, b: { y: 2 }, c: 3 }, diagnostics: [] });
    expect(loadVars({ inline: 'x: [1, 2]' }).vars).toEqual({ x: [1, 2] });
    expect(loadVars({})).toEqual({ vars: {}, diagnostics: [] });
  });

  it('reports unreadable or invalid vars as diagnostics', () => {
    const dir = specDir({});
    writeFileSync(join(dir, 'bad.yaml'), 'a: [\n');
    expect(loadVars({ file: join(dir, 'nope.yaml') }).diagnostics.map((d) => d.code)).toEqual(['SPEC001']);
    expect(loadVars({ file: join(dir, 'bad.yaml') }).diagnostics).toMatchObject([
      { code: 'SPEC002', range: { start: { line: 2 } } },
    ]);
    expect(loadVars({ inline: '- a' }).diagnostics).toMatchObject([{ code: 'SPEC007', file: INLINE_VARS }]);
  });
});
