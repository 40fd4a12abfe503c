/**
 * Interactive shells over the hosts' connections: a login shell on a host
 * (Host.openShell), or a shell in one of its containers (containerShell.ts).
 * Guarded like any action that changes a host — refused under --read-only —
 * but asked about only on a production host (ShellService.confirmOn): what
 * the operator does in it is theirs. The audit log gets its start and its end
 * (who, host or container, when, how long), never its keystrokes.
 */
import type Dockerode from 'dockerode';
import type { Host, ShellOptions, ShellSession } from '../../hosts/Host';
import { refusal, type Risk } from '../actionGuard';
import type { AuditLog, AuditResult } from '../AuditLog';
import { errorText } from '../statusReport';
import { openContainerShell } from './containerShell';

export interface ShellTarget {
  host: string;
  /** A container of the host; a shell on the host itself without it. */
  container?: { id: string; name: string };
}

export const SHELL_RISK: Risk = 'mutating';

export type ShellOpened = { ok: true; session: ShellSession; what: string } | { ok: false; message: string };

export interface ShellServiceOptions {
  host: (name: string) => Host | undefined;
  /** The host's Docker client (over its connection); undefined when it has none configured. */
  docker: (name: string) => (() => Promise<Dockerode>) | undefined;
  audit: AuditLog | null;
  readOnly: () => boolean;
  now?: () => number;
}

/** What the audit log and the messages call the shell. */
export function shellLabel(t: ShellTarget): string {
  return t.container ? `container ${t.container.name}` : 'shell';
}

export class ShellService {
  constructor(private readonly o: ShellServiceOptions) {}

  /** After the operator's answer (confirmed false: they said no): refuses under --read-only, opens, audits. */
  async open(target: ShellTarget, confirmed: boolean, opts: ShellOptions): Promise<ShellOpened> {
    const what = target.container ? `a shell in ${target.container.name} on ${target.host}` : `a shell on ${target.host}`;
    const fail = async (result: AuditResult, message: string, detail?: string): Promise<ShellOpened> => ({
      ok: false,
      message: message + (await this.record(target, result, detail)),
    });
    const refused = refusal(SHELL_RISK, this.o.readOnly(), `open ${what}`);
    if (refused) return fail('refused', refused);
    if (!confirmed) return fail('cancelled', `not opened: ${what}`);
    const host = this.o.host(target.host);
    if (!host) return fail('failed', `${target.host} is not configured`);
    let session: ShellSession;
    try {
      if (target.container) {
        const docker = this.o.docker(target.host);
        if (!docker) return fail('failed', `${target.host} has no Docker configured`);
        session = await openContainerShell(await docker(), target.container.id, opts);
      } else {
        session = await host.openShell(opts);
      }
    } catch (e) {
      const why = errorText(e);
      return fail('failed', `cannot open ${what}: ${why}`, why);
    }
    const now = this.o.now ?? Date.now;
    const started = now();
    const note = await this.record(target, 'ok', 'started');
    // The end is written whatever ends it: the shell's exit, a hang-up, the connection.
    const exit = session.exit.then(
      async (code) => {
        await this.record(target, 'ok', `ended, exit ${code ?? 'none'}`, now() - started);
        return code;
      },
      async (e: unknown) => {
        await this.record(target, 'failed', `ended: ${errorText(e)}`, now() - started);
        return null;
      },
    );
    return { ok: true, session: { ...session, exit }, what: what + note };
  }

  private async record(t: ShellTarget, result: AuditResult, detail?: string, durationMs?: number): Promise<string> {
    try {
      await this.o.audit?.append({
        host: t.host,
        target: shellLabel(t),
        action: 'shell',
        result,
        ...(detail ? { detail } : {}),
        ...(durationMs !== undefined ? { durationMs } : {}),
      });
      return '';
    } catch (err) {
      return ` (audit log not written: ${errorText(err)})`;
    }
  }
}
