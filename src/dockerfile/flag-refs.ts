import { expand } from './expand.js';
import type { Flag } from './instruction.js';
import type { Located } from './located.js';
import type { StageRef } from './stage.js';
import { csvFields, keyValue } from './words.js';

export interface FlagRef {
  via: Extract<StageRef['via'], 'copy' | 'mount'>;
  ref: Located;
  /** BuildKit's reason to reject it (it fails every target), or null. */
  rejected: string | null;
}

const NO_VARS = new Map<string, string | null>();

/**
 * What a COPY or RUN names through its flags, with BuildKit's checks (`dockerfile2llb.toCommand`,
 * `instructions/commands_runmount.go`): `COPY --from` is used only if processing it as a word changes
 * nothing (no variables, no quotes left); `RUN --mount` is one CSV record whose `from=` may not hold a `$`
 * but as its last character.
 */
export function flagRefs(keyword: string, flags: readonly Flag[], esc: string): FlagRef[] {
  const kw = keyword.toUpperCase();
  const out: FlagRef[] = [];
  for (const f of flags) {
    if (!f.value) continue;
    if (kw === 'COPY' && f.name === 'from' && f.value.text !== '') {
      const same = expand(f.value.text, NO_VARS, esc).value === f.value.text;
      out.push({
        via: 'copy',
        ref: f.value,
        rejected: same
          ? null
          : `--from='${f.value.text}': variable expansion is not supported here; define a stage with FROM using a global ARG instead`,
      });
    }
    if (kw === 'RUN' && f.name === 'mount') {
      for (const field of csvFields(f.value)) {
        const { key, value } = keyValue(field);
        if (key.text.toLowerCase() !== 'from' || value === null || value.text === '') continue;
        const dollar = value.text.indexOf('$');
        out.push({
          via: 'mount',
          ref: value,
          rejected:
            dollar < 0 || dollar === value.text.length - 1
              ? null
              : `--mount from='${value.text}': variable expansion is not supported; define an alias stage instead`,
        });
      }
    }
  }
  return out;
}
