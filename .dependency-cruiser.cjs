/**
 * The import directions of src/ (docs/architecture.md), checked by `./scripts/test`: a forbidden import fails
 * the run. Folders are concepts; imports flow one way, from cli/ down to core/.
 */
const folder = (names) => `^src/(${names.join('|')})/`;
const forbid = (name, comment, from, to) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: to },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'no import cycles', severity: 'error', from: {}, to: { circular: true } },
    forbid('core-is-the-bottom', 'core/ imports nothing else of slipway', folder(['core']), '^src/(?!core/)'),
    forbid(
      'pure-models',
      'the stage model, the config, the context, the lint rules and the run record import only what is below them',
      folder(['dockerfile', 'config', 'context', 'history', 'budgets', 'lint']),
      folder([
        'engine',
        'probe',
        'check',
        'stages',
        'pipeline',
        'ship',
        'smoke',
        'report',
        'cli',
        'plan',
        'ci',
        'dev',
      ]),
    ),
    forbid(
      'engine-knows-no-spec',
      'engine/ is the Docker side: it knows nothing of specs, plans, checks or the CLI',
      folder(['engine']),
      '^src/(?!(engine|core)/)',
    ),
    forbid(
      'observing-never-declares',
      'probe/ observes; it never sees what a spec expects (goss: system/ never imports resource/)',
      folder(['probe']),
      folder(['gossfile', 'check', 'report', 'pipeline', 'ship', 'cli']),
    ),
    forbid(
      'observers-see-no-expectations',
      'check/system/ observes a resource from its identity and settings: of gossfile/ it imports the contract (gossfile/observation.ts) alone, never a declared resource or its expected values (goss: system/ never imports resource/)',
      '^src/check/system/',
      '^src/gossfile/(?!observation\\.ts$)',
    ),
    {
      name: 'observers-import-types-only',
      comment:
        'check/system/ takes only types from gossfile/: nothing of the declaring side runs in an observer',
      severity: 'error',
      from: { path: '^src/check/system/' },
      to: { path: '^src/gossfile/', dependencyTypesNot: ['type-only'] },
    },
    forbid(
      'declaring-never-observes',
      'gossfile/ declares; it runs nothing (no engine, no probes, no checks)',
      folder(['gossfile']),
      folder(['engine', 'probe', 'check', 'stages', 'pipeline', 'ship', 'smoke', 'report', 'cli', 'dev']),
    ),
    forbid(
      'pure-generators-and-plan',
      'ci/ and plan/ touch no engine: their core is pure (a thin shell gathers git and files)',
      folder(['ci', 'plan']),
      folder(['engine', 'probe', 'check', 'stages', 'pipeline', 'ship', 'smoke', 'report', 'cli', 'dev']),
    ),
    forbid(
      'only-cli-formats',
      'report/ (formatters) is imported by cli/ and the library entry only',
      '^src/(?!(cli|report)/|index\\.ts$)',
      folder(['report']),
    ),
    forbid(
      'nothing-imports-cli',
      'cli/ is the top: only the library entry may re-export from it',
      '^src/(?!cli/|index\\.ts$)',
      folder(['cli']),
    ),
    forbid(
      'layers-point-down',
      'stages < check < pipeline < ship: a lower layer never imports a higher one',
      folder(['stages', 'check', 'smoke']),
      folder(['pipeline', 'ship', 'dev']),
    ),
    forbid(
      'pipeline-below-ship',
      'the pipeline does not import the CI runtime',
      folder(['pipeline']),
      folder(['ship', 'dev']),
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    includeOnly: '^src/',
  },
};
