/**
 * Docker's event stream is JSON objects one per line; a chunk may hold
 * several or half of one. Pure, so partial chunks are a table test.
 */

import { StringDecoder } from 'node:string_decoder';

export interface DockerEvent {
  /** Container id. */
  id: string;
  /** start, die, restart, health_status: unhealthy … */
  action: string;
}

/** Only the events that change what the pane shows (exec_* from healthchecks are noise). */
export const WATCHED_EVENTS = ['create', 'start', 'restart', 'die', 'stop', 'kill', 'pause', 'unpause', 'destroy', 'rename', 'oom', 'health_status', 'update'];

export class EventLines {
  private rest = '';
  /** Keeps a character cut between chunks for the next one. */
  private decoder = new StringDecoder('utf8');

  /** Feeds a chunk; returns the complete events in it. Garbage lines are skipped. */
  push(chunk: Buffer | string): DockerEvent[] {
    const text = this.rest + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    // A line that never ends (a broken peer) must not grow without bound.
    if (this.rest.length > 1 << 20) this.rest = '';
    const out: DockerEvent[] = [];
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        const o = JSON.parse(line) as { id?: string; Action?: string; status?: string; Actor?: { ID?: string } };
        const id = o.Actor?.ID ?? o.id;
        const action = o.Action ?? o.status;
        if (id && action) out.push({ id, action });
      } catch {
        // not JSON: skip
      }
    }
    return out;
  }
}
