import { execFileSync } from 'node:child_process';

/**
 * Once per run: the CLI compiled (the CLI tests run bin/slipway.js as a user would) — only when its sources
 * changed (scripts/compile.sh keeps a stamp). What the tests leave in the engine is checked by the leftover
 * guard that ./scripts/test runs after vitest (test/guard/leftovers.ts): vitest 4.1 only logs an error thrown
 * from a globalSetup teardown and still exits 0, so the guard cannot live here.
 */
export function setup(): void {
  execFileSync('bash', ['scripts/compile.sh'], { stdio: 'inherit' });
}
