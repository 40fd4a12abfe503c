import { readFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './ConfigError';
import { configSchema, PLATFORM_HEALTH, type RawConfig, type Thresholds } from './configSchema';
import type { HostConfig } from './HostConfig';

export interface RiskctlConfig {
  /** The file it came from, or null for the embedded default. */
  source: string | null;
  hosts: HostConfig[];
  sshConfig: boolean;
  procedures: string[];
  thresholds: Thresholds;
  refreshMs: number;
  /** Lines kept per log source (config `logLines`, default 10 000). */
  logLines: number;
  prometheus?: { url: string; via?: string };
  alertmanager?: { url: string; via?: string };
}

export function expandHome(p: string, home = homedir()): string {
  return p === '~' ? home : p.startsWith('~/') ? home + p.slice(1) : p;
}

/** Where a path of the document starts, 1-based; for an unknown key, the key's own line. */
function lineOf(doc: Document, lc: LineCounter, path: PropertyKey[], key?: string): number | null {
  const node = doc.getIn(path as unknown[], true);
  let offset: number | undefined;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === key);
    if (pair && isNode(pair.key)) offset = pair.key.range?.[0];
  }
  if (offset === undefined && isNode(node)) offset = node.range?.[0];
  if (offset === undefined && path.length > 0) return lineOf(doc, lc, path.slice(0, -1));
  return offset === undefined ? null : lc.linePos(offset).line;
}

function fieldName(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function issueToError(file: string, doc: Document, lc: LineCounter, issue: z.core.$ZodIssue): ConfigError {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const field = fieldName([...issue.path, key]);
    const problem = /pass(word)?|secret|token|key$/i.test(key)
      ? 'secrets never go in the config file (use postgres.passwordEnv, ssh-agent or a key file)'
      : `unknown field${issue.keys.length > 1 ? `s ${issue.keys.join(', ')}` : ''}`;
    return new ConfigError(file, lineOf(doc, lc, issue.path, key), field, problem);
  }
  return new ConfigError(file, lineOf(doc, lc, issue.path), fieldName(issue.path) || null, issue.message);
}

/** Validates and resolves a config text; throws ConfigError naming file:line and field. */
export function parseConfig(text: string, file: string, home = homedir()): RiskctlConfig {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const yamlErr = doc.errors[0];
  if (yamlErr) {
    const line = yamlErr.linePos?.[0]?.line ?? null;
    throw new ConfigError(file, line, null, `not valid YAML: ${yamlErr.message.split('\n')[0]}`);
  }
  const parsed = configSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) throw issueToError(file, doc, lc, parsed.error.issues[0]!);
  const raw: RawConfig = parsed.data;

  const hosts = raw.hosts.map((h, i): HostConfig => {
    const origin = `${file}:${lineOf(doc, lc, ['hosts', i]) ?? '?'}`;
    const files = h.ssh?.identityFile === undefined ? [] : [h.ssh.identityFile].flat();
    return {
      name: h.name,
      local: h.local === true,
      ssh: h.ssh && {
        host: h.ssh.host,
        port: h.ssh.port,
        user: h.ssh.user,
        identityFiles: files.map((f) => expandHome(f, home)),
        jump: h.ssh.jump,
        knownHosts: h.ssh.knownHosts && expandHome(h.ssh.knownHosts, home),
      },
      tags: h.tags,
      docker: { socket: h.docker?.socket ?? '/var/run/docker.sock', configured: h.docker !== undefined },
      postgres: h.postgres,
      health: h.health ?? PLATFORM_HEALTH,
      logs: h.logs ?? ['/opt/risk-platform/logs/*.log'],
      backups: { dir: h.backups?.dir ?? '/opt/risk-platform/backups' },
      certificates: h.certificates ?? [],
      platformDir: h.platformDir ?? '/opt/risk-platform',
      origin,
    };
  });

  const seen = new Map<string, number>();
  hosts.forEach((h, i) => {
    const line = lineOf(doc, lc, ['hosts', i, 'name']);
    if (seen.has(h.name)) throw new ConfigError(file, line, `hosts[${i}].name`, `"${h.name}" is already the name of hosts[${seen.get(h.name)}]`);
    seen.set(h.name, i);
  });
  hosts.forEach((h, i) => {
    const jump = h.ssh?.jump;
    if (jump === undefined) return;
    const line = lineOf(doc, lc, ['hosts', i, 'ssh', 'jump']);
    const target = hosts.find((o) => o.name === jump);
    if (!target) throw new ConfigError(file, line, `hosts[${i}].ssh.jump`, `no host named "${jump}" in this config`);
    if (!target.ssh) throw new ConfigError(file, line, `hosts[${i}].ssh.jump`, `"${jump}" is not an SSH host`);
    // Walk the chain so a loop is reported instead of recursing forever at connect time.
    const chain = [h.name];
    for (let cur: HostConfig | undefined = target; cur; ) {
      if (chain.includes(cur.name)) throw new ConfigError(file, line, `hosts[${i}].ssh.jump`, `jump loop: ${[...chain, cur.name].join(' → ')}`);
      chain.push(cur.name);
      const next: string | undefined = cur.ssh?.jump;
      cur = next === undefined ? undefined : hosts.find((o) => o.name === next);
    }
  });

  return {
    source: file,
    hosts,
    sshConfig: raw.sshConfig,
    procedures: raw.procedures,
    thresholds: raw.thresholds,
    refreshMs: Math.round(raw.refresh * 1000),
    logLines: raw.logLines,
    prometheus: raw.prometheus,
    alertmanager: raw.alertmanager,
  };
}

export function readConfigFile(file: string, home = homedir()): RiskctlConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(file, null, null, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(e)})`);
  }
  return parseConfig(text, file, home);
}

/**
 * With no config at all, riskctl watches this machine. Without the platform's
 * health endpoints: an operator's workstation does not serve :3000, and its
 * "down" endpoints would be CRITICAL alerts (Docker, if any, is still shown).
 */
export function embeddedDefault(): RiskctlConfig {
  return parseConfig(`hosts:\n  - name: ${JSON.stringify(hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 63) || 'local')}\n    local: true\n    tags: [local]\n    health: []\n`, '(embedded default)');
}
