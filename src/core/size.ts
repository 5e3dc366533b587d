/** Sizes as slipway prints them: MB = 10^6 bytes, one decimal. */
export const megabytes = (bytes: number | null): string =>
  bytes === null ? '-' : `${(bytes / 1e6).toFixed(1)} MB`;

/** A change in size with its sign: `+1.2 MB`, `-0.3 MB`, `±0.0 MB`. */
export const signedMegabytes = (bytes: number): string =>
  `${bytes > 0 ? '+' : bytes < 0 ? '-' : '±'}${megabytes(Math.abs(bytes))}`;
