import { describe, expect, it } from 'vitest';
import type { ParamType } from '../../../src/services/procedures/model';
import { inferType, isSecretParam, typeFromName, validateParam } from '../../../src/services/procedures/paramTypes';

const HOSTILE = ['$(reboot)', '`reboot`', "'; DROP TABLE users; --", 'a\nb', '../../etc/passwd', '-rf', 'x; rm -rf /', 'a && b', 'a | b', '"quoted"', 'x'.repeat(10_000)];

describe('parameter types from names', () => {
  it.each([
    ['compromised_email', 'email'],
    ['suspicious_ip', 'ip'],
    ['service_name', 'service'],
    ['failed_service', 'service'],
    ['backup_file', 'backup-file'],
    ['latest_good_backup', 'backup-file'],
    ['pre_deployment_backup', 'backup-file'],
    ['description', null],
    ['db_password', 'secret'],
    ['api_token', 'secret'],
    ['ssh_key', 'secret'],
    ['backup_encryption_key', 'secret'],
    ['client_secret', 'secret'],
    ['key', 'secret'],
  ])('%s → %s', (name, type) => {
    expect(typeFromName(name)).toBe(type);
  });
  it('defaults to one line of text, several lines in a here-document', () => {
    expect(inferType('reason', ['double'])).toEqual({ type: 'text', source: 'default' });
    expect(inferType('reason', ['heredoc'])).toEqual({ type: 'lines', source: 'default' });
    expect(inferType('email', ['heredoc'])).toEqual({ type: 'email', source: 'name' });
  });
});

type Case = [ParamType, string, string | null];
const cases: Case[] = [
  ['email', 'ops@example.com', 'ops@example.com'],
  ['email', '  First.Last+tag@sub.example.co.uk ', 'First.Last+tag@sub.example.co.uk'],
  ['email', 'no-at-sign', null],
  ['email', "o'brien@example.com", "o'brien@example.com"],
  ['email', "o'brien.o'neil+ops@example.com", "o'brien.o'neil+ops@example.com"],
  ['email', 'first..last@example.com', null],
  ['email', '.first@example.com', null],
  ['email', 'a b@example.com', null],
  ['email', 'a@b', null],
  ['ip', '203.0.113.9', '203.0.113.9'],
  ['ip', '2001:db8::1', '2001:db8::1'],
  ['ip', '::ffff:192.0.2.1', '::ffff:192.0.2.1'],
  ['ip', '1.2.3.4/24', null],
  ['ip', '10.0.0.0/8', null],
  ['ip', '2001:db8::/32', null],
  ['ip', '2001:db8::1/128', null],
  ['ip', '1.2.3', null],
  ['ip', '999.1.1.1', null],
  ['ip', 'localhost', null],
  ['service', 'api', 'api'],
  ['service', 'risk_platform-api.1', 'risk_platform-api.1'],
  ['service', '-api', null],
  ['backup-file', 'full_backup_20261127.tar.gz', '/opt/risk-platform/backups/full_backup_20261127.tar.gz'],
  ['backup-file', '/opt/risk-platform/backups/database/db.dump', '/opt/risk-platform/backups/database/db.dump'],
  ['backup-file', '/opt/risk-platform/backups/../secrets/key', null],
  ['backup-file', '/etc/passwd', null],
  ['backup-file', '.hidden', null],
  ['text', 'Disk full on prod-1 (again)', 'Disk full on prod-1 (again)'],
  ['lines', 'line 1\r\nline 2\n\tindented', 'line 1\nline 2\n\tindented'],
  ['text', '', null],
  ['text', 'bell\x07', null],
  ['lines', 'esc\x1b[31m', null],
  ['secret', ' s3cr3t with spaces ', ' s3cr3t with spaces '],
  ['secret', 'pasted\n', 'pasted'],
  ['secret', 'two\nlines', null],
  ['secret', '', null],
];

describe('secret parameters', () => {
  it.each([
    ['reason', 'text', false],
    ['compromised_email', 'email', false],
    ['monkey_count', 'text', false],
    ['keyboard_layout', 'text', false],
    ['anything', 'secret', true],
    ['db_password', 'text', true],
    ['DB-Password', 'text', true],
    ['passwd', 'text', true],
    ['admin_secret', 'text', true],
    ['auth_token', 'text', true],
    ['apikey', 'text', true],
    ['private_key', 'lines', true],
    ['key', 'text', true],
  ] as Array<[string, ParamType, boolean]>)('isSecretParam(%s, %s) → %s', (name, type, want) => {
    expect(isSecretParam(name, type)).toBe(want);
  });
});

describe('validators', () => {
  it.each(cases)('%s %j → %j', (type, input, want) => {
    const v = validateParam(type, input);
    expect(v.ok ? v.value : null).toBe(want);
    if (!v.ok) expect(v.problem).toMatch(/\w/);
  });

  it.each(HOSTILE)('hostile %j: refused by the strict types', (value) => {
    for (const type of ['email', 'ip', 'service', 'backup-file'] as const) expect(validateParam(type, value).ok, `${type} ${value}`).toBe(false);
  });

  it('free text keeps hostile characters as text (they are handed over as data, never code) but not newlines or huge values', () => {
    expect(validateParam('text', '$(reboot) `id` \'; DROP TABLE users; --')).toEqual({ ok: true, value: "$(reboot) `id` '; DROP TABLE users; --" });
    expect(validateParam('text', 'a\nb').ok).toBe(false);
    expect(validateParam('text', 'x'.repeat(10_000)).ok).toBe(false);
    expect(validateParam('lines', 'x'.repeat(10_000)).ok).toBe(false);
    expect(validateParam('text', 'a\0b').ok).toBe(false);
  });

  it('checks a service against the host’s services and a backup against its folder', () => {
    expect(validateParam('service', 'api', { services: ['api', 'postgres'] }).ok).toBe(true);
    expect(validateParam('service', 'apii', { services: ['api', 'postgres'] })).toEqual({ ok: false, problem: 'no service "apii" on this host (services: api, postgres)' });
    expect(validateParam('backup-file', 'b.tar.gz', { backupsDir: '/srv/backups/' })).toEqual({ ok: true, value: '/srv/backups/b.tar.gz' });
  });
});
