/**
 * SQL blocks: one statement at a time over the host's database connection
 * (PgSession through the host's tunnel), values bound as query parameters,
 * the result shown as a table and, with `evidence=`, saved as CSV under the
 * state folder's evidence/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Host } from '../../../hosts/Host';
import type { PostgresTarget } from '../../../hosts/HostConfig';
import { PgSession } from '../../database/PgSession';
import type { CodeBlock, Command } from '../model';
import { bindSql } from '../sqlBind';
import { bound } from './redact';
import { evidencePath, resultCsv, resultTable, type Row } from './sqlResult';
import type { CommandRecord } from './types';

export class SqlSessions {
  private readonly sessions = new Map<string, PgSession>();

  constructor(
    private readonly host: Host,
    private readonly target: PostgresTarget | undefined,
  ) {}

  async query(db: string | undefined, sql: string, params: unknown[], timeoutMs: number): Promise<Row[]> {
    if (!this.target) throw new Error(`no postgres: entry in the config for ${this.host.name}: SQL steps need the database connection`);
    const database = db ?? this.target.database;
    const key = `${database}/${timeoutMs}`;
    let s = this.sessions.get(key);
    if (!s) {
      s = new PgSession(this.host, { ...this.target, database }, { statementTimeoutMs: timeoutMs });
      this.sessions.set(key, s);
    }
    return s.query<Row>(sql, params);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.sessions.values()].map((s) => s.close()));
  }
}

export async function runSql(block: CodeBlock, command: Command, values: Record<string, string>, sessions: SqlSessions, opts: { timeoutMs: number; stateDir: string }): Promise<CommandRecord> {
  const started = Date.now();
  const rec: CommandRecord = { kind: 'sql', text: command.text, risk: command.risk, exitCode: null, output: '', durationMs: 0 };
  try {
    const b = bindSql(command.text);
    rec.asRun = b.text;
    const missing = b.params.filter((n) => values[n] === undefined);
    if (missing.length) throw new Error(`needs parameter ${missing.join(', ')}`);
    const rows = await sessions.query(block.attributes.db, b.text, b.params.map((n) => values[n]), opts.timeoutMs);
    rec.exitCode = 0;
    rec.output = bound(resultTable(rows));
    if (block.attributes.evidence) {
      const rel = evidencePath(block.attributes.evidence, new Date());
      const file = join(opts.stateDir, 'evidence', rel);
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, resultCsv(rows), { mode: 0o600 });
      rec.evidence = file;
    }
  } catch (e) {
    rec.exitCode = 1;
    rec.problem = e instanceof Error ? e.message : String(e);
    rec.output = rec.problem;
  }
  rec.durationMs = Date.now() - started;
  return rec;
}
