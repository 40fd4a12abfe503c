/**
 * The variable that makes Ink believe it runs under CI, or null: CI or
 * CONTINUOUS_INTEGRATION set to anything but "0" or "false" (is-in-ci's rule,
 * which Ink reads once when it loads). Ink then draws nothing until it exits,
 * so the cockpit refuses to start and says why instead of showing a blank
 * screen.
 */
export function ciVariable(env: NodeJS.ProcessEnv): string | null {
  for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) if (key in env && env[key] !== '0' && env[key] !== 'false') return key;
  return null;
}
