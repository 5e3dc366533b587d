import type { Rule } from '../rule.js';

const SECRET = /(^|_)(TOKEN|PASSWORD|PASSWD|SECRET|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|KEY)(_|$)/i;

export const secretNames: Rule = {
  code: 'SW107',
  name: 'secret-in-arg-or-env',
  severity: 'warning',
  why: 'ARG and ENV values are visible in the image history and config; pass secrets with RUN --mount=type=secret',
  check(ctx) {
    const out = [];
    for (const a of ctx.model.globalArgs)
      if (SECRET.test(a.name))
        out.push({
          line: a.line,
          message: `ARG ${a.name} looks like a secret: use a secret mount (RUN --mount=type=secret,id=...)`,
        });
    for (const s of ctx.model.stages) {
      for (const i of s.instructions) {
        if (i.keyword !== 'ARG' && i.keyword !== 'ENV') continue;
        for (const [name] of i.properties)
          if (SECRET.test(name))
            out.push({
              line: i.line,
              message: `${i.keyword} ${name} looks like a secret: use a secret mount (RUN --mount=type=secret,id=...)`,
            });
      }
    }
    return out;
  },
};
