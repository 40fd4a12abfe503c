/**
 * A numbered list → steps. Each item is `**Title**` then what to do: code
 * blocks (optionally under a bold sub-label such as "For API Service:"), and
 * bullet lists or paragraphs, which are instructions done by hand. Which
 * blocks are branches or alternatives is read from the labels (blockFlow.ts).
 */
import type { List, ListItem as MdListItem, Nodes } from 'mdast';
import { assignFlow } from './blockFlow';
import { buildBlock } from './buildBlock';
import type { Block, Instruction, Step } from './model';
import { boldLabel, lineOf, plainText } from './mdText';

function titleOf(item: MdListItem): { title: string; restIndex: number; extra: string } {
  const first = item.children[0];
  if (first?.type === 'paragraph') {
    const lead = first.children[0];
    if (lead?.type === 'strong') {
      const title = plainText(lead).trim().replace(/:$/, '');
      const extra = first.children.slice(1).map(plainText).join('').trim();
      return { title, restIndex: 1, extra };
    }
    return { title: plainText(first).trim(), restIndex: 1, extra: '' };
  }
  return { title: '', restIndex: 0, extra: '' };
}

/** Bullet items (nested ones flattened, indented) as instructions. */
function listInstructions(list: List, file: string, depth = 0): Instruction[] {
  const out: Instruction[] = [];
  for (const li of list.children) {
    const own = li.children.filter((c) => c.type !== 'list');
    const box = li.checked === true ? '[x] ' : li.checked === false ? '[ ] ' : '';
    out.push({ text: `${'  '.repeat(depth)}${box}${own.map(plainText).join(' ').trim()}`, source: { file, line: lineOf(li) } });
    for (const c of li.children) if (c.type === 'list') out.push(...listInstructions(c, file, depth + 1));
  }
  return out;
}

export function parseSteps(list: List, file: string, phase: string): Step[] {
  const start = list.start ?? 1;
  return list.children.map((item, i): Step => {
    const { title, restIndex, extra } = titleOf(item);
    const source = { file, line: lineOf(item) };
    const blocks: Block[] = [];
    let label: string | null = null;
    let manual: Instruction[] = extra ? [{ text: extra, source }] : [];
    const flush = (): void => {
      if (manual.length) blocks.push({ kind: 'manual', label, flow: 'plain', choice: null, source: manual[0]!.source, instructions: manual });
      manual = [];
    };
    for (const child of item.children.slice(restIndex) as Nodes[]) {
      if (child.type === 'code') {
        flush();
        blocks.push(...buildBlock(child, file, label));
      } else if (child.type === 'paragraph' && boldLabel(child)) {
        flush();
        const b = boldLabel(child)!;
        label = b.label;
        if (b.rest) manual.push({ text: b.rest, source: { file, line: lineOf(child) } });
      } else if (child.type === 'list') {
        manual.push(...listInstructions(child, file));
      } else {
        const text = plainText(child).trim();
        if (text) manual.push({ text, source: { file, line: lineOf(child) } });
      }
    }
    flush();
    // A step with nothing but its title is still a step: the runner asks for "done" or "skip".
    if (blocks.length === 0) blocks.push({ kind: 'manual', label: null, flow: 'plain', choice: null, source, instructions: [] });
    const stepTitle = title || `Step ${start + i}`;
    assignFlow(blocks, stepTitle, phase);
    return { number: start + i, title: stepTitle, phase, source, blocks };
  });
}
