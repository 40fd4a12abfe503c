// Named imports, not the `z` namespace: the namespace keeps all of zod's
// locales in the bundle (~360 KB parsed at every start).
import { array, boolean, number, strictObject, string, union, url, type infer as Infer } from 'zod';

// Defaults come from the platform the operations library describes
// (seed/ops-procedures-library.md): ports, schema, role, paths.
export const PLATFORM_HEALTH = [
  { name: 'api', url: 'http://localhost:3000/health' },
  { name: 'prometheus', url: 'http://localhost:9090/-/healthy' },
  { name: 'grafana', url: 'http://localhost:3001/api/health' },
];

const hostName = string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'a host name is letters, digits, ".", "_" or "-" (max 63)');

const port = number().int().min(1).max(65535);

const sshSchema = strictObject({
  host: string().min(1),
  port: port.default(22),
  user: string().min(1).optional(),
  identityFile: union([string().min(1), array(string().min(1))]).optional(),
  jump: hostName.optional(),
  knownHosts: string().min(1).optional(),
});

const postgresSchema = strictObject({
  host: string().default('127.0.0.1'),
  port: port.default(5432),
  database: string().default('risk_platform'),
  user: string().default('risk_platform_app'),
  passwordEnv: string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name').optional(),
});

export const hostSchema = strictObject({
    name: hostName,
    local: boolean().optional(),
    ssh: sshSchema.optional(),
    tags: array(string().min(1)).default([]),
    docker: strictObject({ socket: string().min(1).default('/var/run/docker.sock') }).optional(),
    postgres: postgresSchema.optional(),
    health: array(strictObject({ name: string().min(1), url: url() })).optional(),
    logs: array(string().min(1)).optional(),
    backups: strictObject({ dir: string().min(1) }).optional(),
    certificates: array(string().min(1)).optional(),
    /** The folder procedure steps start in (where docker-compose.yml and scripts/ live). */
    platformDir: string().startsWith('/').optional(),
  })
  .superRefine((h, ctx) => {
    if (h.local && h.ssh) ctx.addIssue({ code: 'custom', path: ['ssh'], message: 'a host is either local: true or ssh, not both' });
    if (!h.local && !h.ssh) ctx.addIssue({ code: 'custom', path: ['ssh'], message: 'required (or local: true)' });
  });

export const thresholdsSchema = strictObject({
  cpu: number().min(0).max(100).default(70),
  memory: number().min(0).max(100).default(80),
  disk: number().min(0).max(100).default(85),
  diskCritical: number().min(0).max(100).default(95),
  // Alert rules (issue 5); defaults from the library: DO-001, PM-001, SO-002, BR-001, DP-001, DO-002.
  connections: number().int().min(1).default(50),
  longQueryMinutes: number().positive().default(5),
  cacheHitRatio: number().min(0).max(100).default(95),
  certificateDays: number().int().min(1).default(30),
  backupHours: number().positive().default(26),
  slowHealthMs: number().int().min(1).default(500),
  auditActions: number().int().min(1).default(100),
  /** Polls a condition must hold before it fires (MA-001: no alert on one blip). */
  holdPolls: number().int().min(1).max(100).default(2),
  /** Ring the terminal bell on a new CRITICAL. */
  bell: boolean().default(true),
});

export const configSchema = strictObject({
  hosts: array(hostSchema).default([]),
  sshConfig: boolean().default(false),
  procedures: array(string().min(1)).default([]),
  thresholds: thresholdsSchema.prefault({}),
  /** Seconds between resource polls (k9s, glances and pg_activity use 2). */
  refresh: number().min(0.5).max(60).default(2),
  /** Lines kept per log source (a ring: older lines drop out, memory stays flat). */
  logLines: number().int().min(100).max(1_000_000).default(10_000),
  prometheus: strictObject({ url: url(), via: hostName.optional() }).optional(),
  alertmanager: strictObject({ url: url(), via: hostName.optional() }).optional(),
});

export type RawConfig = Infer<typeof configSchema>;
export type Thresholds = Infer<typeof thresholdsSchema>;
