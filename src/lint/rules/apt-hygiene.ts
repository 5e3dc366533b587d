import { type Rule, runScript } from '../rule.js';

const INSTALL = /\bapt(-get)?\s+(?:[^;&|]*\s)?install\b/;

export const aptRecommends: Rule = {
  code: 'SW109',
  name: 'apt-install-recommends',
  severity: 'warning',
  why: 'recommended packages add size and attack surface nobody asked for',
  check(ctx) {
    return ctx.model.stages.flatMap((s) =>
      s.instructions
        .filter(
          (i) =>
            i.keyword === 'RUN' &&
            INSTALL.test(runScript(i)) &&
            !/--no-install-recommends|Install-Recommends=(false|0)/.test(runScript(i)),
        )
        .map((i) => ({ line: i.line, message: 'apt-get install without --no-install-recommends' })),
    );
  },
};

export const aptLists: Rule = {
  code: 'SW110',
  name: 'apt-lists-in-layer',
  severity: 'warning',
  why: 'package lists left in a layer add tens of MB; remove them in the same RUN or keep them in a cache mount',
  check(ctx) {
    return ctx.model.stages.flatMap((s) =>
      s.instructions
        .filter((i) => {
          if (i.keyword !== 'RUN' || !INSTALL.test(runScript(i))) return false;
          const cached = i.allFlags.some(
            ([n, v]) =>
              n === 'mount' &&
              /type=cache/.test(v ?? '') &&
              /target=\/var\/lib\/apt(\/lists)?\/?(,|$)/.test(v ?? ''),
          );
          return !cached && !/rm\s+-[a-z]*r[a-z]*f?[a-z]*\s+[^;&|]*\/var\/lib\/apt\/lists/.test(runScript(i));
        })
        .map((i) => ({
          line: i.line,
          message:
            'apt-get install leaves /var/lib/apt/lists in the layer: rm -rf /var/lib/apt/lists/* in the same RUN, or mount it as a cache',
        })),
    );
  },
};
