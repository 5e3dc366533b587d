import { GOSS_DEFAULTS, type ResourceSchema } from '../declared.js';
import { assert, option, text } from './common.js';

/** goss resource/command.go: run through `sh -c` (a string) or directly (a list); no property gates the rest. */
export const command: ResourceSchema = {
  type: 'command',
  name: 'Command',
  key: 'the command line (run with sh -c) unless exec is set',
  target: 'exec',
  skippable: true,
  attributes: [
    option('exec', 'string-or-list', 'the command to run: a shell string, or a list run without a shell'),
    option('timeout', 'int', 'milliseconds before the command is killed', {
      default: GOSS_DEFAULTS.command.timeout,
    }),
    assert('exit-status', 'int', 'exit status (a string is accepted with a deprecation warning)', {
      required: true,
    }),
    text('stdout', 'standard output'),
    text('stderr', 'standard error'),
  ],
};
