import { isIP } from 'node:net';

/** One DNS label: letters, digits, "-" inside, "_" (service names); 1–63 characters. */
const LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

/**
 * A DNS name (RFC 1123 labels, 253 characters at most, an optional final
 * dot) or an IPv4/IPv6 address, nothing else: what a config may name as a
 * host to connect to. A name whose last label is all digits must be an IPv4
 * address (no top-level domain is numeric), so `10.0.0.300` is refused.
 */
export function isHostAddress(s: string): boolean {
  if (s.length === 0 || s.length > 253) return false;
  if (isIP(s) !== 0) return true;
  const name = s.endsWith('.') ? s.slice(0, -1) : s;
  const labels = name.split('.');
  if (!labels.every((l) => LABEL.test(l))) return false;
  return !/^[0-9]+$/.test(labels[labels.length - 1]!);
}
