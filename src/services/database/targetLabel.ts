import type { PostgresTarget } from '../../hosts/HostConfig';

/** A database target as the screens name it: user@host:port/database. */
export function targetLabel(t: PostgresTarget): string {
  return `${t.user}@${t.host}:${t.port}/${t.database}`;
}
