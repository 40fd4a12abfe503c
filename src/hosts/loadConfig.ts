import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isMap, isNode, type Document, type LineCounter } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './ConfigError';
import { EMBEDDED_DEFAULT, embeddedDefaultText, readConfigText } from './configText';
import { configSchema, PLATFORM_HEALTH, type RawConfig, type Thresholds } from './configSchema';
import type { HostConfig } from './HostConfig';
import { schemaIssueText } from './schemaIssueText';
import { parseYaml, shownText, YamlProblemError } from './yamlProblems';

export { MAX_CONFIG_BYTES, readConfigText } from './configText';

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

/** A field's path as the operator writes it: hosts[0].ssh.port (a key that is not a plain name is shown quoted and cut short). */
function fieldName(path: PropertyKey[]): string {
  return path
    .map((p, i) => {
      if (typeof p === 'number') return `[${p}]`;
      const k = String(p);
      const shown = /^[A-Za-z0-9_-]{1,40}$/.test(k) ? k : JSON.stringify(shownText(k));
      return `${i ? '.' : ''}${shown}`;
    })
    .join('');
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function issueToError(file: string, doc: Document, lc: LineCounter, issue: z.core.$ZodIssue, value: unknown): ConfigError {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const field = fieldName([...issue.path, key]);
    const problem = /pass(word)?|secret|token|key$/i.test(key)
      ? 'secrets never go in the config file (use postgres.passwordEnv, ssh-agent or a key file)'
      : `unknown field${issue.keys.length > 1 ? `s ${issue.keys.map((k) => fieldName([k])).join(', ')}` : ''}`;
    return new ConfigError(file, lineOf(doc, lc, issue.path, key), field, problem);
  }
  if (issue.path.length === 0) return new ConfigError(file, 1, null, 'a config is a mapping of fields (hosts:, thresholds: …), not a list or a value');
  return new ConfigError(file, lineOf(doc, lc, issue.path), fieldName(issue.path), schemaIssueText(issue, valueAt(value, issue.path)));
}

export interface ParseOptions {
  home?: string;
  /** Whether a path exists (a knownHosts file): the file system's, unless a test says otherwise. */
  exists?: (path: string) => boolean;
}

/** Validates and resolves a config text; throws ConfigError naming file:line and field. */
export function parseConfig(text: string, file: string, opts: ParseOptions = {}): RiskctlConfig {
  const { home = homedir(), exists = existsSync } = opts;
  let parsedYaml: ReturnType<typeof parseYaml>;
  try {
    parsedYaml = parseYaml(text);
  } catch (e) {
    if (e instanceof YamlProblemError) throw new ConfigError(file, e.line, null, `not valid YAML: ${e.problem}`, e.column);
    throw e;
  }
  const { doc, lc, value } = parsedYaml;
  const parsed = configSchema.safeParse(value ?? {});
  if (!parsed.success) throw issueToError(file, doc, lc, parsed.error.issues[0]!, value);
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

  hosts.forEach((h, i) => {
    const kh = h.ssh?.knownHosts;
    // A known_hosts file that is not there would leave every key unknown, and an unknown key is one "y" from accepted.
    if (kh !== undefined && !exists(kh))
      throw new ConfigError(file, lineOf(doc, lc, ['hosts', i, 'ssh', 'knownHosts']), `hosts[${i}].ssh.knownHosts`, `no such file: ${shownText(kh, 200)}`);
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
    for (let cur: HostConfig | undefined = target; cur;) {
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
  return parseConfig(readConfigText(file), file, { home });
}

/**
 * With no config at all, riskctl watches this machine (configText.ts,
 * embeddedDefaultText).
 */
export function embeddedDefault(): RiskctlConfig {
  return parseConfig(embeddedDefaultText(), EMBEDDED_DEFAULT, { exists: () => true });
}
