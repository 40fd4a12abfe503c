/**
 * Secrets never reach a journal: a parameter named like a secret keeps its
 * name and loses its value, in the header and wherever the value shows up in
 * output. Typed values (text, email, ip …) are kept: they are the record.
 */
export const REDACTED = '[redacted]';

const SECRET_NAME = /pass(word|wd|phrase)?|secret|token|api_?key|private_?key|credential|auth/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function redactParams(params: Record<string, string>, isSecret: (name: string) => boolean = isSecretName): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, isSecret(k) ? REDACTED : v]));
}

/** Replaces every secret value (of a useful length) in a text; `isSecret` says which parameters are secret (default: by name). */
export function redactText(text: string, params: Record<string, string>, isSecret: (name: string) => boolean = isSecretName): string {
  let out = text;
  for (const [k, v] of Object.entries(params)) {
    if (isSecret(k) && v.length >= 3) out = out.split(v).join(REDACTED);
  }
  return out;
}

export const OUTPUT_LIMIT = 16 * 1024;

/** Keeps the head and the tail of a long output: the start says what ran, the end how it ended. */
export function bound(text: string, limit = OUTPUT_LIMIT): string {
  if (text.length <= limit) return text;
  const half = Math.floor(limit / 2);
  return `${text.slice(0, half)}\n… [${text.length - 2 * half} characters cut] …\n${text.slice(-half)}`;
}
