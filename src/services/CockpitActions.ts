/**
 * What screens may ask of the services. Screens hold no hosts and do no I/O:
 * they read the live store and call these.
 */
export interface CockpitActions {
  connect(host: string): void;
  disconnect(host: string): void;
  /** The operator's answer to an unknown host key shown from the store's pendingHostKey. */
  answerHostKey(host: string, accept: boolean): void;
}
