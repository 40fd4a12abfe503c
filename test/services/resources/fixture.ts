import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../fixtures/resources/', import.meta.url));

/** A committed fixture under test/fixtures/resources, as text. */
export function fixture(name: string): string {
  return readFileSync(dir + name, 'utf8');
}

/** A batch output with one section's body replaced. */
export function withSection(text: string, name: string, body: string): string {
  const re = new RegExp(`\\n@@riskctl-resources:${name}@@\\n[\\s\\S]*?(?=\\n@@riskctl-resources:)`);
  if (!re.test(text)) throw new Error(`no section ${name}`);
  return text.replace(re, () => `\n@@riskctl-resources:${name}@@\n${body}`);
}
