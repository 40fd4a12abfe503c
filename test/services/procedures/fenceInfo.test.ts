import { describe, expect, it } from 'vitest';
import { parseFenceInfo } from '../../../src/services/procedures/fenceInfo';
import { TextError } from '../../../src/services/procedures/LibraryError';

describe('fence info strings', () => {
  it('reads the language and no attributes', () => {
    expect(parseFenceInfo('bash', null)).toEqual({ lang: 'bash', kind: 'shell', attributes: { params: {}, interactive: false } });
    expect(parseFenceInfo('SQL', undefined).kind).toBe('sql');
    expect(parseFenceInfo('yaml', null).kind).toBe('manual');
    expect(parseFenceInfo(null, null).kind).toBe('manual');
  });

  it('reads every attribute', () => {
    const a = parseFenceInfo('bash', '{risk=destructive risk-override="the script only reads" param.email=email param.LIST_ANY_ISSUES=lines timeout=5m interactive}').attributes;
    expect(a).toEqual({ risk: 'destructive', riskOverride: 'the script only reads', params: { email: 'email', list_any_issues: 'lines' }, timeoutMs: 300_000, interactive: true });
    const s = parseFenceInfo('sql', '{db=risk_platform evidence="soc2/x_{date}.csv" timeout=500ms}').attributes;
    expect(s).toMatchObject({ db: 'risk_platform', evidence: 'soc2/x_{date}.csv', timeoutMs: 500 });
    expect(parseFenceInfo('bash', '{ interactive=false }').attributes.interactive).toBe(false);
    expect(parseFenceInfo('bash', '{risk-override="say \\"why\\"" risk=read-only}').attributes.riskOverride).toBe('say "why"');
    expect(parseFenceInfo('bash', '{on-error=continue}').attributes).toEqual({ params: {}, interactive: false, onError: 'continue' });
    expect(parseFenceInfo('sql', '{on-error=continue db=x}').attributes.onError).toBe('continue');
  });

  const bad: Array<[string, string, string | null, RegExp]> = [
    ['an unknown key', 'bash', '{rsik=mutating}', /unknown fence attribute "rsik"/],
    ['a bad risk', 'bash', '{risk=safe}', /risk=safe: expected read-only, mutating or destructive/],
    ['a bad type', 'bash', '{param.x=number}', /param\.x=number: expected one of email, ip/],
    ['a bad duration', 'bash', '{timeout=5 minutes}', /timeout=5: expected a duration|expected a space/],
    ['no braces', 'bash', 'risk=mutating', /must be one \{…\} group/],
    ['twice', 'bash', '{risk=mutating risk=destructive}', /risk is given twice/],
    ['override without risk', 'bash', '{risk-override="x"}', /risk-override needs risk=/],
    ['db on a shell block', 'bash', '{db=x}', /db= applies to sql blocks only/],
    ['evidence escaping its folder', 'sql', '{evidence=../../etc/passwd}', /must be a relative path without \.\./],
    ['an unterminated value', 'bash', '{risk-override="x}', /unterminated quoted value/],
    ['a value-less key', 'bash', '{risk}', /risk needs a value/],
    ['on-error with another value', 'bash', '{on-error=stop}', /on-error=stop: expected on-error=continue/],
    ['on-error without a value', 'bash', '{on-error}', /on-error=: expected on-error=continue/],
  ];
  it.each(bad)('refuses %s', (_name, lang, meta, message) => {
    expect(() => parseFenceInfo(lang, meta)).toThrow(TextError);
    expect(() => parseFenceInfo(lang, meta)).toThrow(message);
  });
});
