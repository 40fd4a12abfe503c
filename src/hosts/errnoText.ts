/**
 * Node's errno codes in the words an operator expects to read on screen
 * ("connection refused", not "connect ECONNREFUSED 127.0.0.10:2222").
 */
const WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ECONNABORTED: 'connection aborted',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'no route to host',
  EHOSTDOWN: 'host is down',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'name not found',
  EAI_AGAIN: 'name lookup failed (temporary)',
  EAI_NONAME: 'name not found',
  EADDRNOTAVAIL: 'address not available',
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EMFILE: 'too many open files',
};

/** Short human text for an error thrown by net/fs/child_process. */
export function errnoText(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  if (e && typeof e.code === 'string' && WORDS[e.code]) return WORDS[e.code]!;
  if (e && typeof e.message === 'string' && e.message) return e.message;
  return String(err);
}
