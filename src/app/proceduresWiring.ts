/**
 * The cockpit's procedures: the same library as `riskctl procedures` (the
 * --library files, else built-in then config), and what a run needs. A
 * library that fails to load leaves the screen empty with the reason, rather
 * than keeping the cockpit from starting.
 */
import type { Host } from '../hosts/Host';
import type { RiskctlConfig } from '../hosts/loadConfig';
import { builtinLibraryFiles, configLibraryFiles, loadLibrary } from '../services/procedures/loadLibrary';
import type { Library } from '../services/procedures/model';
import { hostLiveFacts } from '../services/procedures/runner/hostLiveFacts';
import type { ContainerFact } from '../services/procedures/runner/liveChecks';
import { listBackupFiles } from '../services/procedures/runner/backupFiles';
import { ProcedureRuns } from '../services/procedures/runner/ProcedureRuns';
import type { Args } from './args';
import { PLATFORM_DIR } from './commands/runCommand';
import type { ProceduresProps } from './useProceduresView';

export interface ProceduresWiring {
  /** Props with an empty library: the first frame must not wait for the library. */
  props: ProceduresProps;
  /** Parses the library (~100 ms for the built-in one); call after the first frame. */
  load(): { props: ProceduresProps; problem: string | null };
}

export function wireProcedures(
  args: Args,
  config: RiskctlConfig,
  hosts: Map<string, Host>,
  stateDir: string,
  servicesOf?: ProceduresProps['servicesOf'],
  /** The host's containers as the services watcher last read them (the "all services start" live check). */
  containersOf?: (host: string) => ContainerFact[] | undefined,
): ProceduresWiring {
  const liveFacts = (name: string) => {
    const cfg = config.hosts.find((h) => h.name === name);
    const host = hosts.get(name);
    return cfg && host ? hostLiveFacts(host, cfg, containersOf ? () => containersOf(name) : undefined) : {};
  };
  const backupsOf = async (name: string) => {
    const cfg = config.hosts.find((h) => h.name === name);
    const host = hosts.get(name);
    if (!cfg || !host) throw new Error(`no host ${name}`);
    return listBackupFiles(host, cfg.backups.dir);
  };
  // The runs outlive a reload of the library's props: one service for the cockpit's life.
  const runs = new ProcedureRuns();
  const withLibrary = (library: Library): ProceduresProps => ({
    runs,
    library,
    hosts,
    configs: config.hosts,
    stateDir,
    readOnly: args.readOnly,
    cwd: PLATFORM_DIR,
    liveFacts,
    backupsOf,
    ...(servicesOf ? { servicesOf } : {}),
  });
  return {
    props: withLibrary({ files: [], procedures: [], notes: [] }),
    load() {
      try {
        const files = args.library.length
          ? args.library
          : [...builtinLibraryFiles(), ...configLibraryFiles(config.procedures, config.source === '(embedded default)' ? null : config.source)];
        return { props: withLibrary(loadLibrary(files)), problem: null };
      } catch (e) {
        const problem = `procedures: ${e instanceof Error ? e.message : String(e)}`;
        return { props: withLibrary({ files: [], procedures: [], notes: [problem] }), problem };
      }
    },
  };
}
