import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { errorMessage } from '../core/errors.js';
import { ADDABLE, type ResourceType } from '../gossfile/index.js';
import { addToSpec, observeState, specText } from './add.js';
import type { HelperProvider } from './helper-image.js';
import { RunningTarget } from './target.js';

const MOUNT = '/.slipway-edit';

/** The `slipway` the user finds inside: it only records `add` requests; the host observes them on exit. */
const RECORDER = `#!/bin/sh
# slipway (inside an edit session): "slipway add TYPE NAME" is recorded and written to the spec on exit.
if [ "$1" != add ] || [ $# -lt 3 ]; then
  echo "usage: slipway add TYPE NAME   (TYPE: ${ADDABLE.join(', ')})" >&2
  exit 2
fi
shift; t=$1; shift
printf '%s\\t%s\\n' "$t" "$*" >> ${MOUNT}/requests && echo "recorded: $t $*"
`;

export interface EditResult {
  added: { type: string; name: string }[];
  problems: string[];
}

/**
 * An interactive shell in the image's running container (as `dgoss edit`): `slipway add TYPE NAME` inside
 * records a request; when the shell exits, each is observed in that container, as it is then, and written
 * to the spec. `shell` runs the user's session (a `docker exec -it` attached to the terminal).
 */
export async function editSession(
  docker: Docker,
  helper: HelperProvider,
  image: string,
  spec: string,
  opts: { session: string; shell: (containerId: string, env: string[]) => Promise<number> },
): Promise<EditResult> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-edit-'));
  writeFileSync(join(dir, 'slipway'), RECORDER, { mode: 0o755 });
  writeFileSync(join(dir, 'requests'), '');
  chmodSync(dir, 0o777);
  chmodSync(join(dir, 'requests'), 0o666);
  const info = await docker.getImage(image).inspect();
  const path =
    (info.Config.Env ?? []).find((e) => e.startsWith('PATH='))?.slice(5) ??
    '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  const target = await RunningTarget.start(docker, image, {
    session: opts.session,
    helper: await helper(),
    hasShell: true,
    binds: [`${dir}:${MOUNT}:rw`],
  });
  const result: EditResult = { added: [], problems: [] };
  try {
    await opts.shell(target.id, [`PATH=${MOUNT}:${path}`]);
    const requests = readFileSync(join(dir, 'requests'), 'utf8').split('\n').filter(Boolean);
    let text = specText(spec);
    for (const line of requests) {
      const [type = '', name = ''] = line.split('\t');
      if (!(ADDABLE as readonly string[]).includes(type) || !name) {
        result.problems.push(
          `skipped '${line.replace('\t', ' ')}': expected TYPE NAME with TYPE one of ${ADDABLE.join(', ')}`,
        );
        continue;
      }
      try {
        const assertion = await observeState(
          target.filesystem(),
          type as ResourceType,
          name,
          async () => target,
        );
        text = addToSpec(text, spec, type, name, assertion);
        result.added.push({ type, name });
      } catch (e) {
        result.problems.push(`${type} ${name}: ${errorMessage(e)}`);
      }
    }
    if (result.added.length) writeFileSync(spec, text);
    return result;
  } finally {
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
