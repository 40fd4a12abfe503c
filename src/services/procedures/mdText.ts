/** Small helpers over mdast nodes: plain text, positions, anchors. */
import type { Nodes, Paragraph, PhrasingContent } from 'mdast';

/** The text a reader sees (inline code and link text included, markup dropped). */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'code' && node.type !== 'html') return node.value;
  if (node.type === 'break') return '\n';
  if ('children' in node) {
    const sep = node.type === 'list' || node.type === 'listItem' || node.type === 'root' || node.type === 'blockquote' ? '\n' : '';
    return (node.children as Nodes[]).map(plainText).join(sep);
  }
  return '';
}

export function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 0;
}

/**
 * A paragraph that opens with a bold label ending in `:` — `**Purpose:** text`
 * or `**For API Service:**` — gives the label and the rest of its text.
 */
export function boldLabel(p: Paragraph): { label: string; rest: string } | null {
  const first = p.children[0];
  if (!first || first.type !== 'strong') return null;
  const label = plainText(first).trim();
  const restNodes: PhrasingContent[] = p.children.slice(1);
  let rest = restNodes.map((n) => plainText(n)).join('').trim();
  if (label.endsWith(':')) return { label: label.slice(0, -1).trim(), rest };
  // `**Label**: text` puts the colon outside the bold.
  if (rest.startsWith(':')) {
    rest = rest.slice(1).trim();
    return { label, rest };
  }
  return null;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens. */
export function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** For comparing anchors written by hand: runs of hyphens count as one. */
export function looseAnchor(anchor: string): string {
  return anchor.toLowerCase().replace(/-+/g, '-').replace(/^-|-$/g, '');
}
