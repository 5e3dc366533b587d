/**
 * Whether this run was interrupted (SIGINT/SIGTERM), and the cleanup under way: the CLI entry waits for it
 * and exits 130 whatever error the unwinding work ends with.
 */
export const interruption: { signal: NodeJS.Signals | null; cleanup: Promise<void> | null } = {
  signal: null,
  cleanup: null,
};
