/**
 * Go text/template parsing, for the constructs a gossfile uses: `{{ pipeline }}` with `|`, variables
 * (`$x := ...`, `$x = ...`), parenthesised pipelines, and `if` / `else if` / `else`, `with`, `range`
 * (with `$i, $v :=`) ... `end`. `define`, `template`, `block`, `break` and `continue` are reported as
 * unsupported constructs.
 */
import { type Item, splitTemplate, TemplateSyntaxError, type Token, tokenize } from './lex.js';

export type Operand =
  | { k: 'field'; names: string[]; start: number; end: number }
  | { k: 'var'; name: string; names: string[]; start: number; end: number }
  | { k: 'lit'; value: unknown; start: number; end: number }
  | { k: 'ident'; name: string; start: number; end: number }
  | { k: 'sub'; pipe: Pipe; names: string[]; start: number; end: number };

export interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Operand[][];
  start: number;
  end: number;
}

export type TNode =
  | { k: 'text'; start: number; end: number }
  | { k: 'action'; pipe: Pipe; start: number; end: number }
  | {
      k: 'if' | 'with';
      branches: { pipe: Pipe; body: TNode[] }[];
      else?: TNode[];
      start: number;
      end: number;
    }
  | { k: 'range'; pipe: Pipe; body: TNode[]; else?: TNode[]; start: number; end: number };

type Frame = {
  k: 'if' | 'with' | 'range';
  branches: { pipe: Pipe; body: TNode[] }[];
  else?: TNode[];
  start: number;
};

const UNSUPPORTED = new Set(['define', 'template', 'block', 'break', 'continue']);

export function parseTemplate(src: string): TNode[] {
  const root: TNode[] = [];
  const stack: Frame[] = [];
  const body = (): TNode[] => {
    const f = stack[stack.length - 1];
    if (!f) return root;
    return f.else ?? (f.branches[f.branches.length - 1] as { body: TNode[] }).body;
  };
  for (const item of splitTemplate(src)) {
    if (item.kind === 'text') {
      body().push({ k: 'text', start: item.start, end: item.end });
      continue;
    }
    const toks = tokenize(src, item.bodyStart, item.bodyEnd);
    const first = toks[0];
    const err = (msg: string, unsupported = false) =>
      new TemplateSyntaxError(msg, item.start, item.end, unsupported);
    if (!first) throw err('missing value for command');
    const word = first.t === 'ident' ? first.name : '';
    if (UNSUPPORTED.has(word)) throw err(`unsupported template construct {{${word}}}`, true);
    if (word === 'if' || word === 'with' || word === 'range') {
      stack.push({
        k: word,
        branches: [{ pipe: pipeOf(toks.slice(1), item, word), body: [] }],
        start: item.start,
      });
    } else if (word === 'else') {
      const f = stack[stack.length - 1];
      if (!f || f.else) throw err('unexpected {{else}}');
      const next = toks[1];
      if (next?.t === 'ident' && (next.name === 'if' || next.name === 'with') && f.k !== 'range') {
        if (next.name !== f.k) throw err(`{{else ${next.name}}} inside {{${f.k}}} is not supported`, true);
        f.branches.push({ pipe: pipeOf(toks.slice(2), item, next.name), body: [] });
      } else if (toks.length > 1) throw err('unexpected tokens after {{else}}');
      else f.else = [];
    } else if (word === 'end') {
      const f = stack.pop();
      if (!f || toks.length > 1) throw err(f ? 'unexpected tokens after {{end}}' : 'unexpected {{end}}');
      const node: TNode =
        f.k === 'range'
          ? {
              k: 'range',
              pipe: (f.branches[0] as { pipe: Pipe }).pipe,
              body: (f.branches[0] as { body: TNode[] }).body,
              start: f.start,
              end: item.end,
            }
          : { k: f.k, branches: f.branches, start: f.start, end: item.end };
      if (f.else) node.else = f.else;
      body().push(node);
    } else body().push({ k: 'action', pipe: pipeOf(toks, item, ''), start: item.start, end: item.end });
  }
  const open = stack[stack.length - 1];
  if (open)
    throw new TemplateSyntaxError(`unexpected EOF: {{${open.k}}} has no {{end}}`, open.start, src.length);
  return root;
}

function pipeOf(toks: Token[], item: Item, keyword: string): Pipe {
  const p = new PipeParser(toks, item);
  const pipe = p.pipe(keyword === 'range' ? 2 : 1);
  if (p.i < toks.length)
    throw p.error(`unexpected ${describe(toks[p.i] as Token)} in ${keyword || 'command'}`);
  if (!pipe.cmds.length) throw p.error(`missing value for ${keyword || 'command'}`);
  return pipe;
}

const describe = (t: Token) => (t.t === 'ident' ? `"${t.name}"` : t.t === 'lit' ? 'operand' : `"${t.t}"`);

class PipeParser {
  i = 0;
  constructor(
    private readonly toks: Token[],
    private readonly item: Item,
  ) {}

  error(msg: string) {
    return new TemplateSyntaxError(msg, this.item.start, this.item.end);
  }

  pipe(maxDecl: number): Pipe {
    const decl: string[] = [];
    let assign = false;
    const t = this.toks;
    const start = t[this.i]?.start ?? this.item.start;
    const isDecl = (j: number) => t[j]?.t === ':=' || t[j]?.t === '=';
    if (t[this.i]?.t === 'var') {
      const a = t[this.i] as Extract<Token, { t: 'var' }>;
      const b = t[this.i + 2];
      if (isDecl(this.i + 1) && !a.names.length) {
        decl.push(a.name);
        assign = t[this.i + 1]?.t === '=';
        this.i += 2;
      } else if (t[this.i + 1]?.t === ',' && b?.t === 'var' && isDecl(this.i + 3) && maxDecl > 1) {
        decl.push(a.name, b.name);
        this.i += 4;
      }
    }
    const cmds: Operand[][] = [];
    while (this.i < t.length && t[this.i]?.t !== ')') {
      const cmd: Operand[] = [];
      while (this.i < t.length && t[this.i]?.t !== '|' && t[this.i]?.t !== ')') cmd.push(this.operand());
      if (!cmd.length) throw this.error('missing command in pipeline');
      cmds.push(cmd);
      if (t[this.i]?.t === '|') this.i++;
    }
    return { decl, assign, cmds, start, end: t[this.i - 1]?.end ?? start };
  }

  operand(): Operand {
    const tok = this.toks[this.i++] as Token;
    switch (tok.t) {
      case 'field':
        if (tok.attached) throw this.error('unexpected field after operand');
        return { k: 'field', names: tok.names, start: tok.start, end: tok.end };
      case 'var':
        return { k: 'var', name: tok.name, names: tok.names, start: tok.start, end: tok.end };
      case 'lit':
        return { k: 'lit', value: tok.value, start: tok.start, end: tok.end };
      case 'ident':
        if (UNSUPPORTED.has(tok.name) || ['if', 'else', 'end', 'range', 'with'].includes(tok.name))
          throw this.error(`unexpected keyword "${tok.name}" in operand`);
        return { k: 'ident', name: tok.name, start: tok.start, end: tok.end };
      case '(': {
        const pipe = this.pipe(1);
        if (this.toks[this.i]?.t !== ')') throw this.error('unclosed left paren');
        const close = this.toks[this.i++] as Token;
        const next = this.toks[this.i];
        const attached = next?.t === 'field' && next.attached;
        if (attached) this.i++;
        const names = attached ? next.names : [];
        return { k: 'sub', pipe, names, start: tok.start, end: close.end };
      }
      default:
        throw this.error(`unexpected "${tok.t}" in operand`);
    }
  }
}
