/** Defaults shared by both transports, so a service sees the same limits on any host. */

/** readFile refuses larger files unless the caller asks for more. */
export const DEFAULT_READ_MAX_BYTES = 4 * 1024 * 1024;
