import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/dockerfile/parse.js';

/** The DF016 errors (BuildKit fails every target) of a one-stage Dockerfile holding `line`. */
const errors = (line: string) =>
  parseDockerfile(`FROM scratch\n${line}\n`, 'Dockerfile')
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`);

describe("instructions BuildKit's instructions.Parse refuses (every target fails)", () => {
  it.each([
    ['COPY onlyone', '2:1 COPY requires at least two arguments'],
    ['ADD x', '2:1 ADD requires at least two arguments'],
    ['COPY ["a"]', '2:1 COPY requires at least two arguments'],
    ['COPY --from=zz nope', '2:1 COPY requires at least two arguments'],
    ['WORKDIR', '2:1 WORKDIR requires exactly one argument'],
    ['USER', '2:1 USER requires exactly one argument'],
    ['STOPSIGNAL', '2:1 STOPSIGNAL requires exactly one argument'],
    ['ARG', '2:1 ARG requires at least one argument'],
    ['EXPOSE', '2:1 EXPOSE requires at least one argument'],
    ['VOLUME', '2:1 VOLUME requires at least one argument'],
    ['SHELL /bin/sh -c', '2:1 SHELL requires the arguments to be in JSON form'],
    ['COPY --bogus=1 a b', '2:6 COPY unknown flag: --bogus'],
    ['CMD --x y', '2:5 CMD unknown flag: --x'],
    ['COPY --chown a b', '2:6 COPY missing a value on flag: --chown'],
    ['COPY --link=maybe a b', '2:6 COPY expecting boolean value for flag --link, not: maybe'],
    ['COPY --link= a b', '2:6 COPY missing a value on flag: --link'],
    ['COPY --from=a --from=b x y', '2:15 COPY duplicate flag specified: --from'],
    ['RUN --mount=type=bogus true', '2:18 RUN unsupported mount type "bogus"'],
    ['RUN --network=foo true', '2:15 RUN invalid network mode "foo"'],
    ['RUN --security=open true', '2:16 RUN security "open" is not valid'],
  ])('%s', (line, expected) => {
    const got = errors(line);
    expect(got).toHaveLength(1);
    expect(got[0]).toContain(expected);
  });

  it.each([
    'COPY --exclude=a --exclude=b a b',
    'COPY --link --chmod=644 --parents a/./b /x/',
    'ADD --checksum=sha256:00 --keep-git-dir=true --unpack=false https://x/y /z',
    'RUN --mount=type=cache,target=/x --mount=type=secret,id=ca --network=none --security=sandbox true',
    'RUN --device=foo true',
    'HEALTHCHECK --interval=5s --timeout=1s --start-period=1s --start-interval=1s --retries=3 CMD true',
    'COPY <<EOF /x\nhi\nEOF',
    'WORKDIR /a b',
    'SHELL ["/bin/sh", "-c"]',
    'ARG --not-a-flag=1 V', // ARG never parses its flags
    'RUN',
    'CMD',
  ])('accepted: %s', (line) => {
    expect(errors(line)).toEqual([]);
  });
});
