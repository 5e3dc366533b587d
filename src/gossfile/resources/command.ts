/** goss resource/command.go; observed by check/system/command.ts. */
import { assert, defaultOf, observedValues, option, text } from './attributes.js';
import type { ResourceModule } from './module.js';

const attributes = [
  option('exec', 'string-or-list', 'the command to run: a shell string, or a list run without a shell'),
  option('timeout', 'int', 'milliseconds before the command is killed', { default: 10_000 }),
  assert('exit-status', 'int', 'exit status (a string is accepted with a deprecation warning)', {
    required: true,
    atoi: true,
  }),
  text('stdout', 'standard output'),
  text('stderr', 'standard error'),
];

/** Run through `sh -c` (a string) or directly (a list); no property gates the rest. */
export const command: ResourceModule = {
  type: 'command',
  name: 'Command',
  key: 'the command line (run with sh -c) unless exec is set',
  target: 'exec',
  // goss prints the key, whatever `exec` runs.
  idIsKey: true,
  skippable: true,
  attributes,
  add: {
    observes: ['exit-status', 'stdout'],
    write(observed, name) {
      const seen = observedValues(observed, (error) => `command '${name}': ${error}`);
      const stdout = seen.stdout as string;
      return {
        'exit-status': seen['exit-status'],
        stdout: stdout.trim() ? stdout.trimEnd().split('\n') : [],
        stderr: [],
        timeout: defaultOf(attributes, 'timeout'),
      };
    },
  },
};
