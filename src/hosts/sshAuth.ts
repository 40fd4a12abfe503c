import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnyAuthMethod, ParsedKey } from 'ssh2';
import { errnoText } from './errnoText';

/**
 * The authentication attempts for one connection: the configured key files
 * first (they are what the operator wrote down), then the ssh-agent. Files
 * that cannot be used are left out with a note, so an "auth failed" message
 * can say exactly what was and was not tried.
 */
export interface AuthPlan {
  methods: AnyAuthMethod[];
  /** What is offered, for messages: "/home/ops/.ssh/id_ed25519", "ssh-agent (/run/…)". */
  tried: string[];
  /** What was left out and why: "/home/ops/.ssh/id_rsa (encrypted: load it into ssh-agent)". */
  skipped: string[];
}

type ParseKey = (data: Buffer) => ParsedKey | ParsedKey[] | Error;

export async function planAuth(username: string, identityFiles: readonly string[], agentSocket: string | undefined, parseKey: ParseKey): Promise<AuthPlan> {
  const plan: AuthPlan = { methods: [], tried: [], skipped: [] };
  for (const path of identityFiles) {
    let data: Buffer;
    try {
      data = await readFile(path);
    } catch (err) {
      plan.skipped.push(`${path} (${errnoText(err)})`);
      continue;
    }
    const parsed = parseKey(data);
    if (parsed instanceof Error) {
      // We never prompt for passphrases; the agent is the way to use an encrypted key.
      const why = /encrypted|passphrase/i.test(parsed.message) ? 'encrypted: load it into ssh-agent' : parsed.message;
      plan.skipped.push(`${path} (${why})`);
      continue;
    }
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (!key || !key.isPrivateKey()) {
      plan.skipped.push(`${path} (not a private key)`);
      continue;
    }
    plan.methods.push({ type: 'publickey', username, key: data });
    plan.tried.push(`${path} (${key.type})`);
  }
  if (agentSocket) {
    plan.methods.push({ type: 'agent', username, agent: agentSocket });
    plan.tried.push(`ssh-agent (${agentSocket})`);
  }
  return plan;
}

/** "tried /a (ssh-ed25519), ssh-agent (/run/a.sock); skipped /b (no such file or directory)" */
export function describeAuth(plan: AuthPlan): string {
  const tried = plan.tried.length ? `tried ${plan.tried.join(', ')}` : 'no key or ssh-agent to try';
  return plan.skipped.length ? `${tried}; skipped ${plan.skipped.join(', ')}` : tried;
}

/** The configured key files; with none configured and no agent, OpenSSH's default files. */
export function identityFilesFor(configured: readonly string[], agent: string | undefined, home: string): string[] {
  if (configured.length > 0 || agent) return [...configured];
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => join(home, '.ssh', f));
}
