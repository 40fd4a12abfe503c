/**
 * A schema issue (zod's) in an operator's words: what the field must be and,
 * for a wrong type, what the file has there — "must be a number (not text)",
 * not "Invalid input: expected number, received string". The value itself is
 * never repeated: it may be a secret, or anything.
 */
import type { z } from 'zod';

const KIND: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  null: 'empty',
};

/** What a value is, in the words of KIND. */
export function valueKind(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (v instanceof Date) return 'a date';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number') return Number.isInteger(v) ? 'a whole number' : 'a number';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'boolean') return 'true or false';
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

function bound(issue: { origin?: string }, n: number | bigint): string {
  switch (issue.origin) {
    case 'string':
      return `${n} character${n === 1 ? '' : 's'}`;
    case 'array':
      return `${n} item${n === 1 ? '' : 's'}`;
    default:
      return String(n);
  }
}

/** `value` is what the document has at the issue's path (for a wrong type's "not …"). */
export function schemaIssueText(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const want = KIND[issue.expected] ?? issue.expected;
      if (issue.expected === 'int' && typeof value === 'number') return 'must be a whole number';
      if (value === undefined) return 'required';
      if (issue.expected === 'boolean' && typeof value === 'string') return 'must be true or false (without quotes; yes/no/on/off are text)';
      return `must be ${want}, not ${valueKind(value)}`;
    }
    case 'too_big':
      if (issue.origin === 'string' && Number(issue.maximum) > 0) return `must be ${bound(issue, issue.maximum)} at most`;
      return `must be at most ${bound(issue, issue.maximum)}${issue.inclusive === false ? ' (exclusive)' : ''}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      if (issue.origin === 'array' && Number(issue.minimum) === 1) return 'must list at least one item';
      if (issue.origin === 'number' && Number(issue.minimum) === 0 && issue.inclusive === false) return 'must be more than 0';
      return `must be at least ${bound(issue, issue.minimum)}`;
    case 'invalid_format':
      if (issue.format === 'url') return 'must be an http:// or https:// URL';
      if (issue.format === 'starts_with') return `must start with "${(issue as { prefix?: string }).prefix ?? ''}" (an absolute path)`;
      // Our own regex checks carry their message.
      return issue.message;
    case 'invalid_union':
      // The schema's one union: identityFile, a path or a list of them.
      return 'must be a path or a list of paths';
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'custom':
      return issue.message;
    default:
      return 'not a valid value here';
  }
}
