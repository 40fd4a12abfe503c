/** What the cockpit hands the procedures screen: the library, the hosts and the readers it may call. */
import type { Host } from '../hosts/Host';
import type { HostConfig } from '../hosts/HostConfig';
import type { Library } from '../services/procedures/model';
import type { BackupFile } from '../services/procedures/runner/backupFiles';
import type { LiveFacts } from '../services/procedures/runner/liveChecks';
import type { ProcedureRuns } from '../services/procedures/runner/ProcedureRuns';

export interface ProceduresProps {
  library: Library;
  hosts: Map<string, Host>;
  configs: HostConfig[];
  stateDir: string;
  readOnly: boolean;
  /** The platform folder each step starts in. */
  cwd?: string;
  /** The host's compose services as last read (a `service` parameter is one of them); undefined when unknown. */
  servicesOf?: (host: string) => string[] | undefined;
  /** What the live checks of a checklist read on a host (health endpoints, database, containers). */
  liveFacts?: (host: string) => LiveFacts;
  /** The files of the host's backups folder (a `backup-file` parameter is picked from them). */
  backupsOf?: (host: string) => Promise<BackupFile[]>;
  /**
   * The library is not parsed yet: `load` asks for it, and the props come back
   * with it. The cockpit parses it on first need (this screen, or an alert's
   * procedure), not at start: most sessions never open it.
   */
  loading?: boolean;
  load?: () => void;
  /** The cockpit's runs (the service that owns them); the view keeps its own when none is given. */
  runs?: ProcedureRuns;
}
