/**
 * The README's key table, rendered from BINDINGS as Markdown: one row per
 * binding, grouped by scope in the order keys are looked up (global, the
 * screens, then the modal layers). A scope's six movement keys share one row;
 * when every scope that has them uses the same keys, that row is written once,
 * under the global keys, and left out of each scope.
 * `npm run docs:keys` writes it into README.md; a unit test fails when the
 * two differ.
 */
import { BINDINGS, SCOPE_TITLES, SCREENS, displayKey, type Action, type Binding, type Scope } from './keymap';

export const KEY_TABLE_START = '<!-- keys:start -->';
export const KEY_TABLE_END = '<!-- keys:end -->';

const SCOPE_ORDER: readonly Scope[] = ['global', ...SCREENS, 'prompt', 'input', 'pick', 'help'];
const MOVES: readonly Action[] = ['down', 'up', 'pageDown', 'pageUp', 'top', 'bottom'];

/** A table cell: `|` escaped (GFM splits cells on it, even inside code spans). */
const cell = (s: string) => s.replaceAll('|', '\\|');

function code(key: string): string {
  const shown = displayKey(key);
  return shown.includes('`') ? `\`\` ${shown} \`\`` : `\`${shown}\``;
}

function keysCell(keys: readonly string[]): string {
  if (keys.length === 9 && keys.every((k, i) => k === String(i + 1))) return `${code('1')}–${code('9')}`;
  return keys.map(code).join(' ');
}

/** The six movement bindings starting at i, when they are there in order; else null. */
function moveRow(scoped: readonly Binding[], i: number): { keys: string; help: string } | null {
  const six = scoped.slice(i, i + MOVES.length);
  const first = six[0];
  if (!first || six.length < MOVES.length || six.some((b, j) => b.action !== MOVES[j])) return null;
  const what = first.help.endsWith(' down') ? first.help.slice(0, -' down'.length) : '';
  if (!what) return null;
  const helps = six.map((b) => (b.help.startsWith(`${what} `) ? b.help.slice(what.length + 1) : b.help));
  return { keys: six.map((b) => b.keys.map(code).join('/')).join(' '), help: `${what}: ${helps.join(', ')}` };
}

/** The movement row's keys when every scope with a movement row has the same ones (two scopes or more); else null. */
function sharedMoveKeys(bindings: readonly Binding[]): string | null {
  const keys = new Set<string>();
  let scopes = 0;
  for (const scope of SCOPE_ORDER) {
    const scoped = bindings.filter((b) => b.scope === scope);
    const rows = scoped.map((_, i) => moveRow(scoped, i)).filter((r) => r !== null);
    if (rows.length > 0) scopes++;
    for (const r of rows) keys.add(r.keys);
  }
  return keys.size === 1 && scopes >= 2 ? [...keys][0]! : null;
}

/** The Markdown table of every binding (without the markers), ending in a newline. */
export function renderKeyTable(bindings: readonly Binding[] = BINDINGS): string {
  const lines = ['| Where | Keys | Action |', '|---|---|---|'];
  const shared = sharedMoveKeys(bindings);
  for (const scope of SCOPE_ORDER) {
    const scoped = bindings.filter((b) => b.scope === scope);
    let title = SCOPE_TITLES[scope];
    const push = (keys: string, help: string) => {
      lines.push(`| ${cell(title)} | ${cell(keys)} | ${cell(help)} |`);
      title = '';
    };
    for (let i = 0; i < scoped.length; i++) {
      const moves = moveRow(scoped, i);
      const binding = scoped[i]!;
      if (moves) i += MOVES.length - 1;
      if (moves && shared) continue;
      const row = moves ?? { keys: keysCell(binding.keys), help: binding.help };
      push(row.keys, row.help);
    }
    if (scope === 'global' && shared) push(shared, 'in a list or a long view: down, up, page down, page up, to the top, to the bottom');
  }
  return `${lines.join('\n')}\n`;
}

/** `text` with the part between the key-table markers replaced by `table`; throws when a marker is missing. */
export function replaceKeyTable(text: string, table: string): string {
  const start = text.indexOf(KEY_TABLE_START);
  const end = text.indexOf(KEY_TABLE_END);
  if (start < 0 || end < start) throw new Error(`the key table markers ${KEY_TABLE_START} … ${KEY_TABLE_END} are missing`);
  return `${text.slice(0, start + KEY_TABLE_START.length)}\n${table}${text.slice(end)}`;
}
