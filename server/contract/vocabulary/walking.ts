/**
 * Walking speeds, in metres per second, for the server's checks and the client's choices alike.
 * Zod-free, so the client imports it at run time.
 */
export const walkingSpeeds = {
  /** The national bands' 60 m per minute: the default of every walking answer. */
  standardMetresPerSecond: 1.0,
  /** Older residents walk more slowly: the life-circle panel offers it beside the standard. */
  elderlyMetresPerSecond: 0.9,
  /** A very slow walk: below it an answer would mean nothing. */
  minimumMetresPerSecond: 0.3,
  /** A run. */
  maximumMetresPerSecond: 3,
} as const;
