/**
 * A run's parameter values, checked before anything runs: by type
 * (validateParam) and against every place the value will sit (valueProblem),
 * so the message names the parameter and why. Missing values are not an
 * error here: only a step that uses one needs it (checked when it is reached).
 */
import { valueProblem } from '../envRewrite';
import type { Procedure } from '../model';
import { validateParam, type ValidateContext } from '../paramTypes';
import { placeholderName } from '../placeholders';

export interface ParamCheck {
  values: Record<string, string>;
  problems: string[];
}

export function checkParams(p: Procedure, raw: Record<string, string>, ctx: ValidateContext = {}): ParamCheck {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  const known = new Map(p.parameters.map((x) => [x.name, x]));
  for (const [name, input] of Object.entries(raw)) {
    const param = known.get(name);
    if (!param) {
      problems.push(`${p.id} has no parameter ${JSON.stringify(name)}${p.parameters.length ? ` (parameters: ${p.parameters.map((x) => x.name).join(', ')})` : ' (it takes none)'}`);
      continue;
    }
    const v = validateParam(param.type, input, ctx);
    if (!v.ok) {
      problems.push(`parameter ${name} (${param.type}) ${v.problem}`);
      continue;
    }
    const bad = param.uses.map((u) => (u.context === 'sql' ? null : valueProblem(v.value, u))).find((x) => x);
    if (bad) {
      problems.push(`parameter ${name}: ${bad}`);
      continue;
    }
    values[name] = v.value;
  }
  return { values, problems };
}

/**
 * `k=v` pairs from the command line; the name is normalised like a
 * placeholder's. A name given twice (in any case or spelling that normalises
 * to it) is an error: which value was meant is not ours to guess.
 */
export function parseParamArgs(pairs: string[]): { values: Record<string, string>; problems: string[] } {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  const as = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      problems.push(`--param ${JSON.stringify(pair)}: expected NAME=VALUE`);
      continue;
    }
    const written = pair.slice(0, eq);
    const name = placeholderName(written);
    const before = as.get(name);
    if (before !== undefined) {
      problems.push(`--param ${name} is given twice (${before === written ? `as ${written}` : `as ${before} and ${written}`}): give it once`);
      continue;
    }
    as.set(name, written);
    values[name] = pair.slice(eq + 1);
  }
  return { values, problems };
}
