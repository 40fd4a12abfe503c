/**
 * Parameter types and their validators. Validation is the first guard, not
 * the only one: values never become code because the runner hands them over
 * as environment variables or bound SQL parameters (envRewrite.ts, sqlBind.ts).
 * A validator still refuses what no sane value contains (control characters,
 * a leading `-` that a program would take as an option, `..` out of a folder),
 * so a typo or a paste accident is caught before anything runs.
 */
import { isIP } from 'node:net';
import { posix } from 'node:path';
import type { ParamType, PlaceholderContext } from './model';

export const PARAM_TYPES = ['email', 'ip', 'service', 'backup-file', 'text', 'lines', 'secret'] as const satisfies readonly ParamType[];

/** A name word that means the value is a credential (`db_password`, `api_token`, `ssh_key`, `apikey`). */
function secretWord(w: string): boolean {
  return /passw(or)?d|secret|token|credential/.test(w) || w === 'key' || w === 'keys' || /^(api|access|private|secret|auth|ssh|signing|encryption)keys?$/.test(w);
}

/** Whether a parameter's value must be masked and redacted: its type says so, or its name names a credential. */
export function isSecretParam(name: string, type: ParamType): boolean {
  return type === 'secret' || name.toLowerCase().split(/[^a-z0-9]+/).some(secretWord);
}

/** The type a name suggests (`[compromised_email]` → email); null when it suggests none. */
export function typeFromName(name: string): ParamType | null {
  const words = name.split('_');
  if (words.some(secretWord)) return 'secret';
  if (words.includes('email') || words.includes('mail')) return 'email';
  if (words.includes('ip') || words.includes('ipv4') || words.includes('ipv6') || words.includes('address')) return 'ip';
  if (words.includes('service') || words.includes('container')) return 'service';
  if (words.includes('backup')) return 'backup-file';
  return null;
}

/** A type from the name, else free text: several lines in a here-document, one line elsewhere. */
export function inferType(name: string, contexts: PlaceholderContext[]): { type: ParamType; source: 'name' | 'default' } {
  const t = typeFromName(name);
  if (t) return { type: t, source: 'name' };
  const heredocOnly = contexts.length > 0 && contexts.every((c) => c === 'heredoc' || c === 'heredoc-quoted');
  return { type: heredocOnly ? 'lines' : 'text', source: 'default' };
}

export type Validation = { ok: true; value: string } | { ok: false; problem: string };

export interface ValidateContext {
  /** The host's backups folder (config `backups.dir`). */
  backupsDir?: string;
  /** The host's compose services, when known: a service must be one of them. */
  services?: string[];
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
// The local part: RFC 5322 atoms joined by single dots (o'brien, first.last+tag); a value reaches commands as data anyway.
const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._+:-]{0,254}$/;

function fail(problem: string): Validation {
  return { ok: false, problem };
}

function validateBackup(v: string, ctx: ValidateContext): Validation {
  const dir = posix.normalize(ctx.backupsDir ?? '/opt/risk-platform/backups').replace(/\/+$/, '');
  let rel = v;
  if (v.startsWith('/')) {
    // A full path is fine as long as it stays inside the backups folder.
    if (posix.normalize(v) !== v || !v.startsWith(`${dir}/`)) return fail(`must be a file in ${dir}`);
    rel = v.slice(dir.length + 1);
  }
  const parts = rel.split('/');
  if (parts.some((p) => p === '..' || p === '.' || p === '')) return fail(`must be a file in ${dir} (no . or .. or empty path parts)`);
  if (!parts.every((p) => FILE_NAME.test(p))) return fail('a backup file name has letters, digits and . _ + : - only, and does not start with - or .');
  return { ok: true, value: `${dir}/${parts.join('/')}` };
}

/** Checks (and lightly normalises: trims one-line values) a value for its type. */
export function validateParam(type: ParamType, input: string, ctx: ValidateContext = {}): Validation {
  if (input.includes('\0')) return fail('contains a NUL byte');
  // A secret is taken as typed (spaces may be part of it), without a pasted line end.
  const v = type === 'lines' ? input.replace(/\r\n/g, '\n') : type === 'secret' ? input.replace(/\r?\n$/, '') : input.trim();
  if (v === '') return fail('is empty');
  if (type !== 'lines' && /[\r\n]/.test(v)) return fail('must be one line');
  if (CONTROL.test(type === 'lines' ? v.replace(/\t/g, '') : v)) return fail('contains control characters');
  switch (type) {
    case 'email':
      if (v.length > 254 || !EMAIL.test(v) || v.startsWith('-')) return fail('is not an e-mail address (name@example.com)');
      return { ok: true, value: v };
    case 'ip':
      // An address, not a network: `1.2.3.4/24` would reach `ufw deny from` as a whole range.
      if (!isIP(v)) return fail(v.includes('/') ? 'is a network (address/prefix), not one IPv4 or IPv6 address' : 'is not an IPv4 or IPv6 address');
      return { ok: true, value: v };
    case 'service':
      if (!SERVICE.test(v)) return fail('is not a service name (letters, digits, . _ -, not starting with - or .)');
      if (ctx.services && !ctx.services.includes(v)) return fail(`no service ${JSON.stringify(v)} on this host (services: ${ctx.services.join(', ') || 'none'})`);
      return { ok: true, value: v };
    case 'backup-file':
      return validateBackup(v, ctx);
    case 'text':
      if (v.length > 500) return fail('is longer than 500 characters');
      return { ok: true, value: v };
    case 'lines':
      if (v.length > 8000) return fail('is longer than 8000 characters');
      return { ok: true, value: v };
    case 'secret':
      if (v.length > 4096) return fail('is longer than 4096 characters');
      return { ok: true, value: v };
  }
}
