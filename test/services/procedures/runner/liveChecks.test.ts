// Which checklist items a live check backs (a table over BR-002's recovery
// testing checklist and near wordings), the judges, and a run on this
// machine where live checks tick, leave items to the operator and are
// overridden — journalled with who ticked and what the check saw.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { LocalHost } from '../../../../src/hosts/LocalHost';
import { builtinLibraryFiles, loadLibrary } from '../../../../src/services/procedures/loadLibrary';
import { evaluateLive, judgeContainers, judgeDatabase, judgeHealth, liveCheckFor, type LiveFacts } from '../../../../src/services/procedures/runner/liveChecks';
import { parseJournal } from '../../../../src/services/procedures/runner/journal';
import { checkLine, renderReport } from '../../../../src/services/procedures/runner/report';
import { RunSession } from '../../../../src/services/procedures/runner/RunSession';
import type { HealthResult } from '../../../../src/services/docker/types';

const h = (name: string, ok: boolean, extra: Partial<HealthResult> = {}): HealthResult => ({ name, url: `http://x/${name}`, ok, status: ok ? 200 : null, latencyMs: ok ? 4 : null, error: ok ? null : 'connection refused', checkedAt: 0, ...extra });

describe('the live-check table', () => {
  test.each<[string, string | null]>([
    // BR-002's Recovery Testing Checklist, as the seed words it.
    ['Database restored successfully', 'database'],
    ['All services start correctly', 'services'],
    ['User authentication works', null],
    ['Data integrity verified', null],
    ['API endpoints responding', 'api'],
    ['Monitoring systems functional', 'monitoring'],
    ['Recovery time documented', null],
    ['Issues identified and documented', null],
    // Elsewhere in the library: DO-001's success criteria, IR-003's.
    ['All services responding (HTTP 200)', 'endpoints'],
    ['Database performance normal', null],
    ['API functionality restored', 'api'],
    // Near wordings.
    ['API health endpoint is up', 'api'],
    ['All containers running', 'services'],
    ['Database is accessible', 'database'],
    ['Monitoring stack healthy', 'monitoring'],
    // Words alone do not make a check.
    ['Document the API changes', null],
    ['Database backups verified by hand', null],
  ])('%s → %s', (text, check) => {
    expect(liveCheckFor(text)?.check ?? null).toBe(check);
  });

  test('the built-in library: BR-002’s four items, DO-001’s endpoints, IR-003’s API — and nothing else', () => {
    const lib = loadLibrary(builtinLibraryFiles());
    const backed = lib.procedures.flatMap((p) => p.checklist.filter((c) => liveCheckFor(c.text)).map((c) => `${p.id} ${c.text} → ${liveCheckFor(c.text)!.check}`));
    expect(backed).toEqual([
      'DO-001 All services responding (HTTP 200) → endpoints',
      'IR-003 API functionality restored → api',
      'BR-002 Database restored successfully → database',
      'BR-002 All services start correctly → services',
      'BR-002 API endpoints responding → api',
      'BR-002 Monitoring systems functional → monitoring',
    ]);
  });

  test('the built-in BR-002 checklist: exactly the four backed items', () => {
    const br = loadLibrary(['procedures/05-backup-recovery.md']).procedures.find((p) => p.id === 'BR-002')!;
    expect(br.checklist.filter((c) => liveCheckFor(c.text)).map((c) => c.text)).toEqual(['Database restored successfully', 'All services start correctly', 'API endpoints responding', 'Monitoring systems functional']);
  });
});

describe('the judges', () => {
  test.each<[string, HealthResult[], 'api' | 'monitoring' | 'endpoints', boolean, string]>([
    ['api up', [h('api', true), h('grafana', false)], 'api', true, 'api 200 OK (4 ms)'],
    ['api down', [h('api', false)], 'api', false, 'api down: connection refused'],
    ['api HTTP 503', [h('api', false, { status: 503, error: null })], 'api', false, 'api down: HTTP 503'],
    ['no api endpoint', [h('prometheus', true)], 'api', false, 'no api health endpoint configured for the host'],
    ['monitoring: every one must answer', [h('prometheus', true), h('grafana', false), h('api', true)], 'monitoring', false, 'prometheus 200 OK (4 ms), grafana down: connection refused'],
    ['monitoring up', [h('prometheus', true), h('grafana', true)], 'monitoring', true, 'prometheus 200 OK (4 ms), grafana 200 OK (4 ms)'],
    ['every endpoint', [h('api', true), h('grafana', false)], 'endpoints', false, 'api 200 OK (4 ms), grafana down: connection refused'],
    ['no endpoint at all', [], 'endpoints', false, 'no health endpoint configured for the host'],
  ])('health: %s', (_n, results, check, ok, detail) => {
    expect(judgeHealth(results, check)).toEqual({ ok, detail });
  });

  test.each<[string, Parameters<typeof judgeContainers>[0], boolean, string]>([
    ['not read yet', undefined, false, 'the container list has not been read yet (the services screen reads it)'],
    ['none', [], false, 'no containers on the host'],
    ['all running', [{ name: 'api', state: 'running', health: null }, { name: 'db', state: 'running', health: 'healthy' }], true, '2 of 2 containers running, none unhealthy'],
    ['exited and unhealthy', [{ name: 'api', state: 'running', health: null }, { name: 'grafana', state: 'exited', health: null }, { name: 'redis', state: 'running', health: 'unhealthy' }], false, '1 of 3 fine; grafana exited, redis unhealthy'],
  ])('containers: %s', (_n, list, ok, detail) => {
    expect(judgeContainers(list)).toEqual({ ok, detail });
  });

  test('database: answering with tables ticks, an empty one does not', () => {
    expect(judgeDatabase({ database: 'risk_platform', tables: 9, inRecovery: false })).toEqual({ ok: true, detail: 'risk_platform answers: 9 tables' });
    expect(judgeDatabase({ database: 'risk_platform', tables: 0, inRecovery: false }).ok).toBe(false);
  });

  test('a reader that throws is a failed check; a missing reader is no check', async () => {
    const rule = liveCheckFor('Database restored successfully')!;
    expect(await evaluateLive(rule, { database: () => Promise.reject(new Error('lab-2: database unavailable: connection refused')) })).toEqual({ ok: false, detail: 'lab-2: database unavailable: connection refused' });
    expect(await evaluateLive(rule, {})).toBeNull();
  });

  test('containers read when the check asks (headless: no watcher) are judged the same; a failed read is a failed check', async () => {
    const rule = liveCheckFor('All services start correctly')!;
    const list = [{ name: 'api', state: 'running', health: 'healthy' }, { name: 'redis', state: 'running', health: 'unhealthy' }];
    expect(await evaluateLive(rule, { containers: async () => list })).toEqual({ ok: false, detail: '1 of 2 fine; redis unhealthy' });
    expect(await evaluateLive(rule, { containers: async () => list.slice(0, 1) })).toEqual({ ok: true, detail: '1 of 1 containers running, none unhealthy' });
    expect(await evaluateLive(rule, { containers: () => Promise.reject(new Error('Docker unavailable: no socket')) })).toEqual({ ok: false, detail: 'Docker unavailable: no socket' });
  });
});

describe('checklist lines in the report', () => {
  const base = { type: 'check' as const, index: 0, section: 'S', text: 'API endpoints responding', at: 't' };
  test.each<[string, Parameters<typeof checkLine>[0], string]>([
    ['a live tick', { ...base, status: 'ticked', by: 'live-check', live: 'api 200 OK (4 ms)' }, '- [x] API endpoints responding — ticked by live check: api 200 OK (4 ms)'],
    ['an override', { ...base, status: 'refused', by: 'operator', overridden: true, reason: 'old build', live: 'api 200 OK (4 ms)' }, '- [ ] API endpoints responding — overridden by the operator: old build (the live check had ticked it: api 200 OK (4 ms))'],
    ['the operator over a failed check', { ...base, status: 'ticked', by: 'operator', live: 'api down: connection refused' }, '- [x] API endpoints responding — ticked by the operator (live check: api down: connection refused)'],
    ['a refusal', { ...base, status: 'refused', by: 'operator', reason: 'not yet' }, '- [ ] API endpoints responding — refused: not yet'],
    ['a journal from before live checks', { ...base, status: 'ticked' }, '- [x] API endpoints responding'],
  ])('%s', (_n, rec, line) => {
    expect(checkLine(rec)).toBe(line);
  });
});

describe('a run with live checks (this machine, a real shell)', () => {
  it('ticks what the checks pass, asks the rest with what the check saw, and journals an override', async () => {
    const lib = loadLibrary(['test/fixtures/procedures/live-checks-library.md']);
    const state = mkdtempSync(join(tmpdir(), 'riskctl-live-'));
    const facts: LiveFacts = {
      health: async () => [h('api', true), h('prometheus', true), h('grafana', false)],
      database: async () => ({ database: 'risk_platform', tables: 9, inRecovery: false }),
    };
    const s = new RunSession({ procedure: lib.procedures[0]!, host: new LocalHost('local'), production: false, values: {}, stateDir: state, readOnly: false, live: facts, confirm: async () => true });
    const asked: Array<{ text: string; live?: { ok: boolean; detail: string } }> = [];
    const unsub = s.store.subscribe((st) => {
      const q = st.question;
      if (q?.kind === 'check') {
        asked.push({ text: q.text, ...(q.live ? { live: q.live } : {}) });
        s.reply({ done: true });
      }
    });
    const r = await s.done;
    unsub();
    expect(r?.status).toBe('completed');
    expect(asked).toEqual([
      { text: 'All services start correctly' }, // no container reader here: asked plainly
      { text: 'Monitoring systems functional', live: { ok: false, detail: 'prometheus 200 OK (4 ms), grafana down: connection refused' } },
      { text: 'Recovery time documented' },
    ]);
    expect(s.store.getState().checks.filter((c) => c.by === 'live-check').map((c) => c.text)).toEqual(['Database restored successfully', 'API endpoints responding']);
    expect(s.override(1, 'x')).toBe('only an item a live check ticked can be overridden');
    expect(s.override(2, '  ')).toBe('an override needs a reason');
    expect(s.override(2, 'answered from the old container')).toBeNull();
    const run = parseJournal(readFileSync(r!.file, 'utf8'), r!.file);
    expect(run.checks.map((c) => [c.text, c.status, c.by ?? null])).toEqual([
      ['Database restored successfully', 'ticked', 'live-check'],
      ['All services start correctly', 'ticked', 'operator'],
      ['API endpoints responding', 'refused', 'operator'],
      ['Monitoring systems functional', 'ticked', 'operator'],
      ['Recovery time documented', 'ticked', 'operator'],
    ]);
    const md = renderReport(run);
    expect(md).toContain('- [x] Database restored successfully — ticked by live check: risk_platform answers: 9 tables');
    expect(md).toContain('- [ ] API endpoints responding — overridden by the operator: answered from the old container (the live check had ticked it: api 200 OK (4 ms))');
  });
});
