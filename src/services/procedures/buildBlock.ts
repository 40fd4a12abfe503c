/**
 * One fenced code block → runnable blocks: its commands (each with risk,
 * instructions and placeholders) and notes, or a manual block when it holds
 * nothing to run. A comment that opens a branch ("# If user account
 * compromise:", blockFlow.ts) splits the block there: the commands from it to
 * the next such comment are a branch of their own, with the same attributes.
 * Problems are LibraryErrors naming file:line.
 */
import type { Code } from 'mdast';
import { maxRisk, RISK_ORDER } from '../actionGuard';
import { conditionalComment } from './blockFlow';
import { classifyShellTokens } from './classifyShell';
import { classifyStatement, type Verdict } from './classifySql';
import { parseFenceInfo } from './fenceInfo';
import { LibraryError, TextError } from './LibraryError';
import type { BlockAttributes, Block, CodeBlock, Command, Instruction, PlaceholderUse, SourcePos } from './model';
import { endsInGrep } from './grepSearch';
import { placeholderName } from './placeholders';
import { sqlPlaceholders } from './sqlBind';
import { commandPlaceholders } from './shellPlaceholders';
import { splitShell } from './splitShell';
import { splitSql } from './sqlText';

function lineAt(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The risk the runner applies: an annotation raises; with risk-override it replaces. */
export function effectiveRisk(classified: Verdict, attrs: BlockAttributes): Command['risk'] {
  if (!attrs.risk) return classified.risk;
  if (attrs.riskOverride !== undefined) return attrs.risk;
  return maxRisk(classified.risk, attrs.risk);
}

function annotatedReasons(classified: Verdict, attrs: BlockAttributes): string[] {
  if (!attrs.risk) return classified.reasons;
  if (attrs.riskOverride !== undefined) return [`stated ${attrs.risk} by the library: ${attrs.riskOverride}`, ...classified.reasons];
  if (RISK_ORDER[attrs.risk] > RISK_ORDER[classified.risk]) return [`raised to ${attrs.risk} by the library`, ...classified.reasons];
  return classified.reasons;
}

export function buildBlock(code: Code, file: string, label: string | null): Block[] {
  const fenceLine = code.position?.start.line ?? 0;
  const text = code.value;
  const fail = (e: unknown, base: number): never => {
    if (e instanceof TextError) throw new LibraryError(file, base + lineAt(text, e.offset), e.message);
    throw e;
  };
  let info;
  try {
    info = parseFenceInfo(code.lang, code.meta);
  } catch (e) {
    // Offsets in the info string are all on the fence line.
    return fail(e instanceof TextError ? new TextError(`fence: ${e.message}`, 0) : e, fenceLine);
  }
  const source = { file, line: fenceLine };
  if (info.kind === 'manual') {
    return [{ kind: 'manual', label, flow: 'plain', choice: null, source, instructions: text.trim() ? [{ text, source: { file, line: fenceLine + 1 } }] : [] }];
  }
  const attrs = info.attributes;
  const commands: Command[] = [];
  let pending: Instruction[] = [];
  /** Where a conditional comment starts a branch: the index of its first command. */
  const cuts: Array<{ index: number; label: string; source: SourcePos }> = [];
  let cut: { label: string; source: SourcePos } | null = null;
  const instruction = (text: string, offset: number): void => {
    pending.push({ text, source: at(offset) });
    const c = conditionalComment(text);
    if (c !== null) cut = { label: c, source: at(offset) };
  };
  const at = (offset: number) => ({ file, line: fenceLine + 1 + lineAt(text, offset) });
  const pushCommand = (kind: 'shell' | 'sql', start: number, body: string, classified: Verdict, placeholders: PlaceholderUse[]): void => {
    commands.push({
      kind,
      text: body,
      source: at(start),
      risk: effectiveRisk(classified, attrs),
      classified: { risk: classified.risk, reasons: annotatedReasons(classified, attrs) },
      instructions: pending.map((p) => p.text),
      placeholders,
    });
    pending = [];
    if (cut) cuts.push({ index: commands.length - 1, ...cut });
    cut = null;
  };
  try {
    if (info.kind === 'shell') {
      for (const item of splitShell(text)) {
        if (item.type === 'instruction') {
          instruction(item.text, item.offset);
          continue;
        }
        const body = text.slice(item.start, item.end);
        const places = commandPlaceholders(item.tokens).map(
          (p): PlaceholderUse => ({ name: placeholderName(p.raw), raw: p.raw, context: p.context, quoting: p.quoting, wholeWord: p.wholeWord, start: p.start - item.start, end: p.end - item.start, line: at(p.start).line }),
        );
        pushCommand('shell', item.start, body, classifyShellTokens(item.tokens), places);
        if (attrs.noMatch && endsInGrep(item.tokens)) commands[commands.length - 1]!.noMatch = true;
      }
    } else {
      for (const item of splitSql(text)) {
        if (item.type === 'instruction') {
          instruction(item.text, item.offset);
          continue;
        }
        const places = sqlPlaceholders(item.text).map(
          (p): PlaceholderUse => ({ name: p.name, raw: p.raw, context: 'sql', quoting: 'none', wholeWord: false, start: p.start, end: p.end, line: at(item.start + p.start).line }),
        );
        pushCommand('sql', item.start, item.text, classifyStatement(item.text), places);
      }
    }
  } catch (e) {
    fail(e, fenceLine + 1);
  }
  if (commands.length === 0) return [{ kind: 'manual', label, flow: 'plain', choice: null, source, instructions: pending }];
  if (attrs.evidence !== undefined && commands.length > 1) {
    throw new LibraryError(file, fenceLine, `fence: evidence= saves one result; this block has ${commands.length} statements`);
  }
  if (attrs.noMatch && !commands.some((c) => c.noMatch)) {
    throw new LibraryError(file, fenceLine, 'fence: no-match, but no command of this block ends in a grep search');
  }
  for (const name of Object.keys(attrs.params)) {
    if (!commands.some((c) => c.placeholders.some((p) => p.name === name))) {
      throw new LibraryError(file, fenceLine, `fence: param.${name} names no [${name}] placeholder in this block`);
    }
  }
  const whole: CodeBlock = { kind: info.kind, label, flow: 'plain', choice: null, lang: info.lang, source, attributes: attrs, commands, notes: pending };
  if (cuts.length === 0) return [whole];
  const blocks: CodeBlock[] = [];
  if (cuts[0]!.index > 0) blocks.push({ ...whole, commands: commands.slice(0, cuts[0]!.index), notes: [] });
  cuts.forEach((c, i) => {
    const end = cuts[i + 1]?.index ?? commands.length;
    blocks.push({ ...whole, label: c.label, flow: 'branch', source: c.source, commands: commands.slice(c.index, end), notes: i === cuts.length - 1 ? pending : [] });
  });
  return blocks;
}
