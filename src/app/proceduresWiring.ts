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
import type { Args } from './args';
import { PLATFORM_DIR } from './commands/runCommand';
import type { ProceduresProps } from './useProceduresView';

export function wireProcedures(args: Args, config: RiskctlConfig, hosts: Map<string, Host>, stateDir: string, servicesOf?: ProceduresProps['servicesOf']): { props: ProceduresProps; problem: string | null } {
  let library: Library = { files: [], procedures: [], notes: [] };
  let problem: string | null = null;
  try {
    const files = args.library.length ? args.library : [...builtinLibraryFiles(), ...configLibraryFiles(config.procedures, config.source === '(embedded default)' ? null : config.source)];
    library = loadLibrary(files);
  } catch (e) {
    problem = `procedures: ${e instanceof Error ? e.message : String(e)}`;
  }
  return { props: { library, hosts, configs: config.hosts, stateDir, readOnly: args.readOnly, cwd: PLATFORM_DIR, ...(servicesOf ? { servicesOf } : {}) }, problem };
}
