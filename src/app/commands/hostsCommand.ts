import { isProduction } from '../../hosts/HostConfig';
import type { Args } from '../args';
import { hostAddress } from '../hostAddress';
import { resolveConfig } from '../resolveConfig';
import { renderTable } from './renderTable';
import { printJson, printText, type CommandOutput } from './printOut';

/** `riskctl hosts`: the inventory as configured; connects to nothing. */
export async function hostsCommand(args: Args, out: CommandOutput): Promise<number> {
  const { config, notes } = await resolveConfig(args);
  const hosts = config.hosts
    .filter((h) => args.host === undefined || h.name === args.host)
    .map((h) => ({
      name: h.name,
      kind: h.local ? 'local' : 'ssh',
      address: hostAddress(h),
      jump: h.ssh?.jump ?? null,
      tags: h.tags,
      production: isProduction(h),
      origin: h.origin,
    }));
  if (args.json) {
    printJson(out, { config: config.source, hosts, notes });
  } else {
    printText(
      out,
      renderTable(
        ['NAME', 'ADDRESS', 'TAGS', 'FROM'],
        hosts.map((h) => [h.production ? `${h.name} [PROD]` : h.name, h.address, h.tags.join(','), h.origin]),
      ),
    );
    for (const n of notes) out.stderr.write(`note: ${n}\n`);
  }
  return 0;
}
