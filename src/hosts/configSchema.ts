// zod/mini, not the classic API: the same checks, issues and messages (zod's
// core), but no method-chaining classes to build at every start — the config
// schema was ~7 ms of the cockpit's start-up. English messages are loaded
// explicitly (mini loads no locale by itself).
import {
  _default,
  array,
  boolean,
  config,
  int,
  maximum,
  maxLength,
  minimum,
  minLength,
  number,
  optional,
  positive,
  prefault,
  refine,
  regex,
  startsWith,
  strictObject,
  string,
  superRefine,
  union,
  url,
  type infer as Infer,
} from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { isHostAddress } from './isHostAddress';

config(en());

// Defaults come from the platform the operations library describes
// (test/fixtures/procedures/ops-procedures-library.md): ports, schema, role, paths.
export const PLATFORM_HEALTH = [
  { name: 'api', url: 'http://localhost:3000/health' },
  { name: 'prometheus', url: 'http://localhost:9090/-/healthy' },
  { name: 'grafana', url: 'http://localhost:3001/api/health' },
];

/** Paths, names, globs: a few hundred characters at most (a path is 4 096 at most on Linux). */
const nonEmpty = () => string().check(minLength(1), maxLength(4096));

/** Where to connect: a DNS name or an IP address, never text a resolver or shell would read otherwise. */
const hostAddress = string().check(
  minLength(1),
  maxLength(253),
  refine(isHostAddress, 'must be a DNS name or an IP address (letters, digits, "-", "." — no spaces, ";" or brackets)'),
);

const userName = string().check(
  minLength(1),
  maxLength(64),
  regex(/^[A-Za-z0-9._][A-Za-z0-9._@\\-]*$/, 'must be a login name (letters, digits, ".", "_", "-")'),
);

/** Health and Prometheus addresses: http or https, nothing else a URL parser accepts. */
const webUrl = () => url({ protocol: /^https?$/ });

const hostName = string().check(
  regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'must be letters, digits, ".", "_" or "-" (63 at most, starting with a letter or digit)'),
);

const port = int().check(minimum(1), maximum(65535));

const percent = (dflt: number) => _default(number().check(minimum(0), maximum(100)), dflt);

const sshSchema = strictObject({
  host: hostAddress,
  port: _default(port, 22),
  user: optional(userName),
  identityFile: optional(union([nonEmpty(), array(nonEmpty())])),
  jump: optional(hostName),
  knownHosts: optional(nonEmpty()),
});

const postgresSchema = strictObject({
  host: _default(hostAddress, '127.0.0.1'),
  port: _default(port, 5432),
  database: _default(nonEmpty(), 'risk_platform'),
  user: _default(userName, 'risk_platform_app'),
  passwordEnv: optional(string().check(regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name (letters, digits, "_")'))),
});

export const hostSchema = strictObject({
  name: hostName,
  local: optional(boolean()),
  ssh: optional(sshSchema),
  tags: _default(array(nonEmpty()), []),
  docker: optional(strictObject({ socket: _default(nonEmpty(), '/var/run/docker.sock') })),
  postgres: optional(postgresSchema),
  health: optional(array(strictObject({ name: nonEmpty(), url: webUrl() }))),
  logs: optional(array(nonEmpty())),
  backups: optional(strictObject({ dir: nonEmpty() })),
  certificates: optional(array(nonEmpty())),
  /** The folder procedure steps start in (where docker-compose.yml and scripts/ live). */
  platformDir: optional(string().check(startsWith('/'), maxLength(4096))),
}).check(
  superRefine((h, ctx) => {
    if (h.local && h.ssh) ctx.addIssue({ code: 'custom', path: ['ssh'], message: 'a host is either local: true or ssh, not both' });
    if (!h.local && !h.ssh) ctx.addIssue({ code: 'custom', path: ['ssh'], message: 'required (or local: true)' });
  }),
);

export const thresholdsSchema = strictObject({
  cpu: percent(70),
  memory: percent(80),
  disk: percent(85),
  diskCritical: percent(95),
  /** A whole disk busy (io_ticks) at or above this for the hold time: PM-001's saturated device. */
  diskBusy: percent(90),
  // Alert rules; defaults from the library: DO-001, PM-001, SO-002, BR-001, DP-001, DO-002.
  connections: _default(int().check(minimum(1)), 50),
  longQueryMinutes: _default(number().check(positive()), 5),
  cacheHitRatio: percent(95),
  certificateDays: _default(int().check(minimum(1)), 30),
  backupHours: _default(number().check(positive()), 26),
  slowHealthMs: _default(int().check(minimum(1)), 500),
  auditActions: _default(int().check(minimum(1)), 100),
  /** Polls a condition must hold before it fires (MA-001: no alert on one blip). */
  holdPolls: _default(int().check(minimum(1), maximum(100)), 2),
  /** Ring the terminal bell on a new CRITICAL. */
  bell: _default(boolean(), true),
});

export const configSchema = strictObject({
  hosts: _default(array(hostSchema), []),
  sshConfig: _default(boolean(), false),
  procedures: _default(array(nonEmpty()), []),
  thresholds: prefault(thresholdsSchema, {}),
  /** Seconds between resource polls (k9s, glances and pg_activity use 2). */
  refresh: _default(number().check(minimum(0.5), maximum(60)), 2),
  /** Lines kept per log source (a ring: older lines drop out, memory stays flat). */
  logLines: _default(int().check(minimum(100), maximum(1_000_000)), 10_000),
  prometheus: optional(strictObject({ url: webUrl(), via: optional(hostName) })),
  alertmanager: optional(strictObject({ url: webUrl(), via: optional(hostName) })),
});

export type RawConfig = Infer<typeof configSchema>;
export type Thresholds = Infer<typeof thresholdsSchema>;
