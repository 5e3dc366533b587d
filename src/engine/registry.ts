import { EnvironmentError } from '../core/errors.js';
import { type Runner, run } from '../core/process.js';

/**
 * A registry as slipway uses it: through the docker CLI, so the credentials of `docker login` (its
 * credential store) apply, and the engine's own rules for insecure registries (127.0.0.0/8 without TLS).
 */
export interface RegistryClient {
  bin: string;
  env: NodeJS.ProcessEnv;
  run?: Runner;
}

/** An image reference `repository:tag` split (the repository may have a host with a port). */
export function splitRef(ref: string): { repository: string; tag: string } {
  const at = ref.lastIndexOf(':');
  return at > ref.lastIndexOf('/')
    ? { repository: ref.slice(0, at), tag: ref.slice(at + 1) }
    : { repository: ref, tag: 'latest' };
}

/** A tag as registries take it (`[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`): other characters become `-`. */
export function tagSafe(text: string): string {
  const t = text.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[.-]+/, '');
  return (t || '_').slice(0, 128);
}

const plainHttp = (ref: string) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?\//.test(ref);

/** The digest of `ref` in its registry, or null when the registry has no such tag. */
export async function remoteDigest(c: RegistryClient, ref: string): Promise<string | null> {
  const r = await (c.run ?? run)(
    c.bin,
    ['manifest', 'inspect', '--verbose', ...(plainHttp(ref) ? ['--insecure'] : []), ref],
    { env: c.env },
  );
  if (r.code !== 0) {
    if (/no such manifest|manifest unknown|not found/i.test(r.stderr + r.stdout)) return null;
    throw registryError('look up', ref, r.stderr || r.stdout);
  }
  const doc = JSON.parse(r.stdout) as
    | { Descriptor?: { digest?: string } }
    | { Descriptor?: { digest?: string } }[];
  const first = Array.isArray(doc) ? doc[0] : doc;
  return first?.Descriptor?.digest ?? null;
}

/** Pushes a local tag; returns the digest the registry gave it. */
export async function push(c: RegistryClient, ref: string): Promise<string> {
  const r = await (c.run ?? run)(c.bin, ['push', ref], { env: c.env });
  if (r.code !== 0) throw registryError('push', ref, r.stderr || r.stdout);
  const digest = /digest: (sha256:[0-9a-f]{64})/.exec(r.stdout)?.[1];
  if (!digest)
    throw registryError('push', ref, `no digest in the answer: ${r.stdout.trim().split('\n').pop()}`);
  return digest;
}

/** Pulls `ref`; false when the registry has no such image (anything else is an error). */
export async function pull(c: RegistryClient, ref: string): Promise<boolean> {
  const r = await (c.run ?? run)(c.bin, ['pull', '--quiet', ref], { env: c.env });
  if (r.code === 0) return true;
  if (/manifest unknown|not found|does not exist/i.test(r.stderr)) return false;
  throw registryError('pull', ref, r.stderr || r.stdout);
}

function registryError(what: string, ref: string, output: string): EnvironmentError {
  const line = output.trim().split('\n').filter(Boolean).pop() ?? '';
  const denied = /denied|unauthorized|forbidden|read-only|readonly|maintenance|405|401|403/i.test(output);
  return new EnvironmentError(
    `cannot ${what} ${ref}: ${line}`,
    denied
      ? 'the registry refused: log in with a token that may write (docker login), or — for a pull request from a fork, whose token is read-only — run without pushing'
      : 'check that the registry is reachable and the name is right (docker login, --registry)',
  );
}
