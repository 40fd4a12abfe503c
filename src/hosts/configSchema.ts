import { z } from 'zod';

// Defaults come from the platform the operations library describes
// (seed/ops-procedures-library.md): ports, schema, role, paths.
export const PLATFORM_HEALTH = [
  { name: 'api', url: 'http://localhost:3000/health' },
  { name: 'prometheus', url: 'http://localhost:9090/-/healthy' },
  { name: 'grafana', url: 'http://localhost:3001/api/health' },
];

const hostName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'a host name is letters, digits, ".", "_" or "-" (max 63)');

const port = z.number().int().min(1).max(65535);

const sshSchema = z.strictObject({
  host: z.string().min(1),
  port: port.default(22),
  user: z.string().min(1).optional(),
  identityFile: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
  jump: hostName.optional(),
  knownHosts: z.string().min(1).optional(),
});

const postgresSchema = z.strictObject({
  host: z.string().default('127.0.0.1'),
  port: port.default(5432),
  database: z.string().default('risk_platform'),
  user: z.string().default('risk_platform_app'),
  passwordEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name').optional(),
});

export const hostSchema = z
  .strictObject({
    name: hostName,
    local: z.boolean().optional(),
    ssh: sshSchema.optional(),
    tags: z.array(z.string().min(1)).default([]),
    docker: z.strictObject({ socket: z.string().min(1).default('/var/run/docker.sock') }).optional(),
    postgres: postgresSchema.optional(),
    health: z.array(z.strictObject({ name: z.string().min(1), url: z.url() })).optional(),
    logs: z.array(z.string().min(1)).optional(),
    backups: z.strictObject({ dir: z.string().min(1) }).optional(),
    certificates: z.array(z.string().min(1)).optional(),
    /** The folder procedure steps start in (where docker-compose.yml and scripts/ live). */
    platformDir: z.string().startsWith('/').optional(),
  })
  .superRefine((h, ctx) => {
    if (h.local && h.ssh) ctx.addIssue({ code: 'custom', path: ['ssh'], message: 'a host is either local: true or ssh, not both' });
    if (!h.local && !h.ssh) ctx.addIssue({ code: 'custom', path: ['ssh'], message: 'required (or local: true)' });
  });

export const thresholdsSchema = z.strictObject({
  cpu: z.number().min(0).max(100).default(70),
  memory: z.number().min(0).max(100).default(80),
  disk: z.number().min(0).max(100).default(85),
  diskCritical: z.number().min(0).max(100).default(95),
  // Alert rules (issue 5); defaults from the library: DO-001, PM-001, SO-002, BR-001, DP-001, DO-002.
  connections: z.number().int().min(1).default(50),
  longQueryMinutes: z.number().positive().default(5),
  cacheHitRatio: z.number().min(0).max(100).default(95),
  certificateDays: z.number().int().min(1).default(30),
  backupHours: z.number().positive().default(26),
  slowHealthMs: z.number().int().min(1).default(500),
  auditActions: z.number().int().min(1).default(100),
  /** Polls a condition must hold before it fires (MA-001: no alert on one blip). */
  holdPolls: z.number().int().min(1).max(100).default(2),
  /** Ring the terminal bell on a new CRITICAL. */
  bell: z.boolean().default(true),
});

export const configSchema = z.strictObject({
  hosts: z.array(hostSchema).default([]),
  sshConfig: z.boolean().default(false),
  procedures: z.array(z.string().min(1)).default([]),
  thresholds: thresholdsSchema.prefault({}),
  /** Seconds between resource polls (k9s, glances and pg_activity use 2). */
  refresh: z.number().min(0.5).max(60).default(2),
  /** Lines kept per log source (a ring: older lines drop out, memory stays flat). */
  logLines: z.number().int().min(100).max(1_000_000).default(10_000),
  prometheus: z.strictObject({ url: z.url(), via: hostName.optional() }).optional(),
  alertmanager: z.strictObject({ url: z.url(), via: hostName.optional() }).optional(),
});

export type RawConfig = z.infer<typeof configSchema>;
export type Thresholds = z.infer<typeof thresholdsSchema>;
