/**
 * Executes a parsed template against goss's data (`.Env`, `.Vars`), as Go's text/template does with
 * `missingkey=error`: a missing map key is an error, not an empty string. Output is recorded with where each
 * piece came from, so YAML positions in the result map back to the template.
 *
 * It also records what depends on `.Env` — read as a field, through the whole data (`.`, `$`), a variable
 * set from it, or a function that reads the environment (`getEnv`, `env`): the output of such an action, and
 * all the output of an `if` / `with` / `range` whose choice read it; an error is marked the same way. A spec
 * checked with a placeholder environment (render.ts) leaves those parts to the render with the real one.
 */
import { goFormat, isRecord } from '../matchers/values.js';
import type { Segment } from '../source.js';
import { FUNCTIONS, type FuncContext, TemplateExecError, truthy } from './funcs.js';
import type { Operand, Pipe, TNode } from './parse.js';

export class Output {
  text = '';
  readonly segments: Segment[] = [];
  /** Spans of `text` (possibly empty) that depend on `.Env`. */
  readonly envRanges: [number, number][] = [];
  push(s: string, srcStart: number, srcEnd: number, copied: boolean): void {
    if (!s) return;
    this.segments.push({
      outStart: this.text.length,
      outEnd: this.text.length + s.length,
      srcStart,
      srcEnd,
      copied,
    });
    this.text += s;
  }
}

type Scope = Map<string, unknown>[];

export class Executor {
  /** `.Env` reads so far. */
  private envReads = 0;
  /** Depth of control structures whose choice read `.Env`: all they output depends on it. */
  private envControl = 0;
  /** Variables holding a value that depends on `.Env`, per scope frame. */
  private readonly envVars = new WeakMap<Map<string, unknown>, Set<string>>();
  private readonly ctx: FuncContext;

  constructor(
    private readonly src: string,
    private readonly root: Record<string, unknown>,
    ctx: FuncContext,
    readonly out = new Output(),
  ) {
    const env = () => {
      this.envReads++;
      return ctx.env;
    };
    this.ctx = {
      get env() {
        return env();
      },
    };
  }

  run(nodes: TNode[]): void {
    this.nodes(nodes, this.root, [new Map([['$', this.root]])]);
  }

  private nodes(nodes: TNode[], dot: unknown, scope: Scope): void {
    for (const n of nodes) {
      const reads = this.envReads;
      try {
        this.node(n, dot, scope);
      } catch (e) {
        if (e instanceof TemplateExecError) {
          if (e.start === undefined) [e.start, e.end] = [n.start, n.end];
          e.envDependent ??= this.envControl > 0 || this.envReads > reads;
        }
        throw e;
      }
    }
  }

  /** Marks the output since `at` as depending on `.Env` when it does (or everything around it does). */
  private mark(at: number, dependent: boolean): void {
    if (dependent || this.envControl > 0) this.out.envRanges.push([at, this.out.text.length]);
  }

  private within(dependent: boolean, body: () => void): void {
    if (!dependent) {
      body();
      return;
    }
    this.envControl++;
    try {
      body();
    } finally {
      this.envControl--;
    }
  }

  private node(n: TNode, dot: unknown, scope: Scope): void {
    const at = this.out.text.length;
    switch (n.k) {
      case 'text':
        this.out.push(this.src.slice(n.start, n.end), n.start, n.end, true);
        this.mark(at, false);
        return;
      case 'action': {
        const reads = this.envReads;
        const v = this.pipe(n.pipe, dot, scope);
        if (!n.pipe.decl.length)
          this.out.push(v === null || v === undefined ? '<no value>' : goFormat(v), n.start, n.end, false);
        this.mark(at, this.envReads > reads);
        return;
      }
      case 'if':
      case 'with': {
        const inner: Scope = [...scope, new Map()];
        let dependent = false;
        for (const b of n.branches) {
          const reads = this.envReads;
          const v = this.pipe(b.pipe, dot, inner);
          dependent ||= this.envReads > reads;
          if (truthy(v)) {
            this.within(dependent, () => this.nodes(b.body, n.k === 'with' ? v : dot, inner));
            this.mark(at, dependent);
            return;
          }
        }
        const otherwise = n.else;
        if (otherwise) this.within(dependent, () => this.nodes(otherwise, dot, inner));
        this.mark(at, dependent);
        return;
      }
      case 'range':
        this.range(n, dot, scope);
        return;
    }
  }

  private range(n: Extract<TNode, { k: 'range' }>, dot: unknown, scope: Scope): void {
    const decl = n.pipe.decl;
    const inner: Scope = [...scope, new Map()];
    const at = this.out.text.length;
    const reads = this.envReads;
    const v = this.pipe({ ...n.pipe, decl: [] }, dot, inner);
    const dependent = this.envReads > reads;
    let entries: [unknown, unknown][];
    if (Array.isArray(v)) entries = v.map((x, i) => [i, x]);
    else if (isRecord(v))
      entries = Object.keys(v)
        .sort()
        .map((k) => [k, v[k]]);
    else if (v === null || v === undefined) entries = [];
    else throw new TemplateExecError(`range can't iterate over ${goFormat(v)}`);
    this.within(dependent, () => {
      if (!entries.length) {
        if (n.else) this.nodes(n.else, dot, inner);
        return;
      }
      for (const [k, x] of entries) {
        const frame = new Map<string, unknown>();
        if (decl.length === 1) frame.set(decl[0] as string, x);
        if (decl.length === 2) frame.set(decl[0] as string, k).set(decl[1] as string, x);
        this.nodes(n.body, x, [...inner, frame]);
      }
    });
    this.mark(at, dependent);
  }

  private pipe(p: Pipe, dot: unknown, scope: Scope): unknown {
    try {
      return this.pipeValue(p, dot, scope);
    } catch (e) {
      if (e instanceof TemplateExecError && e.start === undefined) [e.start, e.end] = [p.start, p.end];
      throw e;
    }
  }

  private pipeValue(p: Pipe, dot: unknown, scope: Scope): unknown {
    const reads = this.envReads;
    let v: unknown;
    p.cmds.forEach((cmd, i) => {
      v = this.command(cmd, dot, scope, i > 0 ? [v] : []);
    });
    if (p.decl.length) {
      const name = p.decl[0] as string;
      const frame = p.assign
        ? [...scope].reverse().find((f) => f.has(name))
        : (scope[scope.length - 1] as Map<string, unknown>);
      if (!frame) throw new TemplateExecError(`undefined variable: ${name}`);
      frame.set(name, v);
      const tainted = this.envVars.get(frame) ?? new Set<string>();
      if (this.envControl > 0 || this.envReads > reads) tainted.add(name);
      else tainted.delete(name);
      this.envVars.set(frame, tainted);
    }
    return v;
  }

  private command(cmd: Operand[], dot: unknown, scope: Scope, piped: unknown[]): unknown {
    const [head, ...rest] = cmd as [Operand, ...Operand[]];
    if (head.k === 'ident') return this.call(head.name, rest, dot, scope, piped);
    if (rest.length || piped.length)
      throw new TemplateExecError(`can't give argument to non-function ${this.text(head)}`);
    return this.operand(head, dot, scope);
  }

  private call(name: string, args: Operand[], dot: unknown, scope: Scope, piped: unknown[]): unknown {
    if (name === 'and' || name === 'or') {
      const all = [...args.map((a) => () => this.operand(a, dot, scope)), ...piped.map((p) => () => p)];
      if (!all.length) throw new TemplateExecError(`wrong number of args for ${name}: want at least 1 got 0`);
      let v: unknown;
      for (const get of all) {
        v = get();
        if (truthy(v) === (name === 'or')) return v;
      }
      return v;
    }
    const f = FUNCTIONS[name];
    if (!f) throw new TemplateExecError(`function "${name}" not defined`);
    const values = [...args.map((a) => this.operand(a, dot, scope)), ...piped];
    if (values.length < f.min || values.length > f.max)
      throw new TemplateExecError(
        `wrong number of args for ${name}: want ${f.min === f.max ? f.min : `${f.min}..${f.max}`} got ${values.length}`,
      );
    return f.impl(values, this.ctx);
  }

  private operand(o: Operand, dot: unknown, scope: Scope): unknown {
    switch (o.k) {
      case 'lit':
        return o.value;
      case 'field':
        return this.fields(dot, o.names, o);
      case 'var': {
        const frame = [...scope].reverse().find((f) => f.has(o.name));
        if (!frame) throw new TemplateExecError(`undefined variable: ${o.name}`);
        if (this.envVars.get(frame)?.has(o.name)) this.envReads++;
        return this.fields(frame.get(o.name), o.names, o);
      }
      case 'sub':
        return this.fields(this.pipe(o.pipe, dot, scope), o.names, o);
      case 'ident':
        return this.call(o.name, [], dot, scope, []);
    }
  }

  private fields(v: unknown, names: string[], o: Operand): unknown {
    let cur = v;
    // The whole data (`.`, `$`) holds the environment.
    if (cur === this.root && (!names.length || names[0] === 'Env')) this.envReads++;
    for (const name of names) {
      if (cur === this.root && !Object.hasOwn(cur, name))
        throw new TemplateExecError(
          `can't evaluate field ${name} in type *goss.TmplVars (only .Env and .Vars; write a literal {{ as {{ "{{" }})`,
        );
      if (isRecord(cur)) {
        if (!Object.hasOwn(cur, name))
          throw new TemplateExecError(`map has no entry for key "${name}" (at <${this.text(o)}>)`);
        cur = cur[name];
      } else if (cur === null || cur === undefined)
        throw new TemplateExecError(`nil pointer evaluating interface {}.${name} (at <${this.text(o)}>)`);
      else
        throw new TemplateExecError(
          `can't evaluate field ${name} in type ${goType(cur)} (at <${this.text(o)}>)`,
        );
    }
    return cur;
  }

  private text(o: Operand): string {
    return this.src.slice(o.start, o.end);
  }
}

const goType = (v: unknown): string =>
  typeof v === 'string'
    ? 'string'
    : typeof v === 'number'
      ? Number.isInteger(v)
        ? 'int'
        : 'float64'
      : typeof v === 'boolean'
        ? 'bool'
        : Array.isArray(v)
          ? '[]interface {}'
          : 'interface {}';
