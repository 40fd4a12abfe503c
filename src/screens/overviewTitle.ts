/**
 * The overview's title: the fleet's size and what the list shows of it
 * ("Overview · 12 hosts · 2 production · 1 in error · sorted worst first ·
 * 1–10 of 12"). The overview screen and the plain first frame both draw it.
 */
import type { OverviewOrder, OverviewRow } from './overviewRows';
import { isGroupRow } from './overviewRows';
import { SORT_TITLES } from './sortHosts';

export function overviewTitle(hostCount: number, rows: readonly OverviewRow[], filter: string, listing: OverviewOrder, windowLabel: string): string {
  let shown = 0;
  let production = 0;
  let errors = 0;
  for (const r of rows) {
    if (isGroupRow(r)) continue;
    shown++;
    if (r.entry.production) production++;
    if (r.entry.state === 'error') errors++;
  }
  const parts = [`${hostCount} host${hostCount === 1 ? '' : 's'}`];
  if (production > 0) parts.push(`${production} production`);
  if (errors > 0) parts.push(`${errors} in error`);
  if (filter.trim() !== '') parts.push(`filter "${filter.trim()}": ${shown} shown`);
  if (listing.sort !== 'config') parts.push(`sorted ${SORT_TITLES[listing.sort]}`);
  if (listing.byTag) parts.push(`by tag (${rows.length - shown})`);
  if (windowLabel) parts.push(windowLabel);
  return `Overview · ${parts.join(' · ')}`;
}
