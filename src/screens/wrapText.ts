/**
 * Text folded onto rows of at most `width` columns: whitespace runs become
 * one space, words move whole to the next row, and a word longer than a row
 * (a path, a URL) is cut across rows, so nothing is ever lost off the edge.
 * Columns are counted as characters, like truncate() (remote text reaches
 * the screens inert: no control character takes a column of its own).
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  const rows: string[] = [];
  let row = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (row !== '' && row.length + 1 + word.length <= w) {
      row += ` ${word}`;
      continue;
    }
    if (row !== '') rows.push(row);
    row = word;
    while (row.length > w) {
      rows.push(row.slice(0, w));
      row = row.slice(w);
    }
  }
  if (row !== '') rows.push(row);
  return rows;
}
