/**
 * A drop-in for Ink 6's `build/output.js`, swapped in by the bundle
 * (scripts/build.mjs). Ink builds every frame from nothing: a width × height
 * grid of cell objects, every line re-tokenized for ANSI codes, every row
 * re-serialized — about half of the cockpit's idle CPU and most of its garbage
 * when only one number on one row changed.
 *
 * This one works row by row. A row's content is fully determined by the
 * ordered list of (x, line) writes that land on it, so that list is the key of
 * a cache kept from the previous frame: an unchanged row costs one string
 * concatenation. A changed row is built exactly as Ink builds it, with the
 * tokenized lines cached across frames too. Both caches keep only what the
 * last frame used, so memory stays at one screen's worth.
 * test/app/ink/rowCachedOutput.test.ts checks it against Ink's own Output.
 */
import sliceAnsi from 'slice-ansi';
import { sliceNarrow } from './sliceNarrow';
import { tokenizeNarrow } from './tokenizeNarrow';
import { buildNarrowRow, narrowLine, type NarrowLine } from './narrowRow';
import { FrameCache } from './FrameCache';
import { boundedMemo } from './boundedMemo';

export { FrameCache };
import stringWidth from 'string-width';
import { styledCharsFromTokens, styledCharsToString, tokenize } from '@alcalzone/ansi-tokenize';

type StyledChar = ReturnType<typeof styledCharsFromTokens>[number];
type Transformer = (line: string, index: number) => string;
interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}
type Operation = { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] } | { type: 'clip'; clip: Clip } | { type: 'unclip' };


// Widths are asked of single characters and short lines: few in practice.
const widthOf = boundedMemo(20_000, (text) => stringWidth(text));

const styledChars = new FrameCache<StyledChar[]>();
const narrowLines = new FrameCache<NarrowLine | null>();
const clipped = new FrameCache<string>();
const rows = new FrameCache<string>();

function buildRow(width: number, segments: Array<{ x: number; line: string }>): string {
  const narrow: Array<{ x: number; line: NarrowLine }> = [];
  for (const { x, line } of segments) {
    const n = narrowLines.get(line, narrowLine);
    if (n === null) break;
    narrow.push({ x, line: n });
  }
  return narrow.length === segments.length ? buildNarrowRow(width, narrow) : buildCellRow(width, segments);
}

/** Ink's own way, for rows with wide characters or other escapes. */
function buildCellRow(width: number, segments: Array<{ x: number; line: string }>): string {
  const row: Array<StyledChar | undefined> = [];
  for (let x = 0; x < width; x++) row.push({ type: 'char', value: ' ', fullWidth: false, styles: [] } as StyledChar);
  for (const { x, line } of segments) {
    let offsetX = x;
    for (const character of styledChars.get(line, (l) => styledCharsFromTokens(tokenizeNarrow(l) ?? tokenize(l)))) {
      row[offsetX] = character;
      const characterWidth = Math.max(1, widthOf(character.value));
      // A wide character owns the cells after it: blank them as Ink does.
      for (let i = 1; i < characterWidth; i++) row[offsetX + i] = { type: 'char', value: '', fullWidth: false, styles: character.styles } as StyledChar;
      offsetX += characterWidth;
    }
  }
  return styledCharsToString(row.filter((c): c is StyledChar => c !== undefined)).trimEnd();
}

export default class Output {
  width: number;
  height: number;
  operations: Operation[] = [];

  constructor(options: { width: number; height: number }) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void {
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers: options.transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    const perRow: Array<Array<{ x: number; line: string }>> = Array.from({ length: this.height }, () => []);
    const clips: Clip[] = [];
    for (const op of this.operations) {
      if (op.type === 'clip') clips.push(op.clip);
      else if (op.type === 'unclip') clips.pop();
      else this.place(op, clips.at(-1), perRow);
    }
    const out: string[] = [];
    for (const segments of perRow) {
      if (segments.length === 0) {
        out.push('');
        continue;
      }
      // Length-prefixed, so no line's content can make two rows' keys equal.
      let key = String(this.width);
      for (const s of segments) key += `|${s.x}:${s.line.length}:${s.line}`;
      out.push(rows.get(key, () => buildRow(this.width, segments)));
    }
    // Every frame cache of the bundle, this module's and Ink's (memoSanitizeAnsi.ts).
    FrameCache.endFrameAll();
    return { output: out.join('\n'), height: this.height };
  }

  /** Ink's clipping, unchanged; the lines land in their rows instead of a grid. */
  private place(op: Extract<Operation, { type: 'write' }>, clip: Clip | undefined, perRow: Array<Array<{ x: number; line: string }>>): void {
    let { x, y } = op;
    let lines = op.text.split('\n');
    if (clip) {
      const clipH = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
      const clipV = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
      if (clipH) {
        let widest = 0;
        for (const l of lines) widest = Math.max(widest, widthOf(l));
        if (x + widest < clip.x1! || x > clip.x2!) return;
      }
      if (clipV && (y + lines.length < clip.y1! || y > clip.y2!)) return;
      if (clipH) {
        // Boxes that clip (overflow hidden) re-clip the same lines every frame.
        lines = lines.map((line) =>
          clipped.get(`${x}:${clip.x1}:${clip.x2}:${line}`, () => {
            const from = x < clip.x1! ? clip.x1! - x : 0;
            const w = widthOf(line);
            const to = x + w > clip.x2! ? clip.x2! - x : w;
            return sliceNarrow(line, from, to) ?? sliceAnsi(line, from, to);
          }),
        );
        if (x < clip.x1!) x = clip.x1!;
      }
      if (clipV) {
        const from = y < clip.y1! ? clip.y1! - y : 0;
        const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
        lines = lines.slice(from, to);
        if (y < clip.y1!) y = clip.y1!;
      }
    }
    let offsetY = 0;
    for (const [index, raw] of lines.entries()) {
      const row = perRow[y + offsetY];
      if (!row) continue;
      let line = raw;
      for (const t of op.transformers) line = t(line, index);
      row.push({ x, line });
      offsetY++;
    }
  }
}
