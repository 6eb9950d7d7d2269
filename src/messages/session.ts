/**
 * The sentences of the session bar (src/features/session): the outcome of a restore or of clearing
 * the local data. The store (src/store/session-actions.ts) keeps what happened as facts.
 */

/** What differs between a saved session's results and the replayed ones (src/store/session-summary.ts). */
export type SummaryDiff =
  | { readonly what: 'customers'; readonly now: number | null; readonly saved: number }
  | { readonly what: 'k-missing'; readonly k: number }
  | { readonly what: 'inertia'; readonly k: number; readonly now: number; readonly saved: number };

/** The outcome of the last restore or clear. `reason`: a step error's sentence (src/messages/errors.ts). */
export type SessionNoticeFacts =
  /** `reason` null: the file could not be read again. */
  | { readonly code: 'restore-failed'; readonly reason: string | null }
  | { readonly code: 'restored-to-error'; readonly reason: string }
  | {
      readonly code: 'restored';
      readonly fileName: string;
      /** When the session was saved (ms). */
      readonly savedAt: number;
      readonly customers: number | null;
      readonly k: number | null;
      /** The saved inertias were compared (and all were the same). */
      readonly inertiasCompared: boolean;
    }
  | {
      readonly code: 'restored-differently';
      readonly fileName: string;
      readonly diffs: readonly SummaryDiff[];
    }
  | { readonly code: 'cleared' }
  | { readonly code: 'clear-failed'; readonly reason: string };

export interface SessionNoticeText {
  readonly kind: 'success' | 'warning' | 'error' | 'info';
  readonly title: string;
  readonly text: string;
}

const fmt = (x: number) =>
  Number.isFinite(x) ? Number(x.toPrecision(6)).toLocaleString('en-US') : String(x);

/** One difference as a phrase ("the inertia for k = 4 is 1,234.5 instead of 1,230"). */
export function summaryDiffText(d: SummaryDiff): string {
  if (d.what === 'customers') return `the RFM table has ${d.now ?? 'no'} customers instead of ${d.saved}`;
  if (d.what === 'k-missing') return `k = ${d.k} was not computed`;
  return `the inertia for k = ${d.k} is ${fmt(d.now)} instead of ${fmt(d.saved)}`;
}

export function sessionNoticeText(n: SessionNoticeFacts): SessionNoticeText {
  switch (n.code) {
    case 'restore-failed':
      return {
        kind: 'error',
        title: 'The session could not be restored',
        text: n.reason ?? 'the file could not be read again.',
      };
    case 'restored-to-error':
      return {
        kind: 'warning',
        title: 'The session was restored up to an error',
        text: `${n.reason} The saved settings are applied; the cells below show where it stopped.`,
      };
    case 'restored': {
      const what = `${n.customers !== null ? `${n.customers.toLocaleString('en-US')} customers` : ''}${n.k !== null ? `, k = ${n.k}` : ''}`;
      return {
        kind: 'success',
        title: 'Session restored',
        text: `${n.fileName} as saved on ${new Date(n.savedAt).toLocaleString()}: ${what}${n.inertiasCompared ? '; every k gives the same inertia as before' : ''}.`,
      };
    }
    case 'restored-differently':
      return {
        kind: 'warning',
        title: 'Session restored with different results',
        text: `${n.fileName} was recomputed with the saved settings, but ${n.diffs.map(summaryDiffText).join('; ')}. The engine or app version may have changed; check the results before using them.`,
      };
    case 'cleared':
      return {
        kind: 'info',
        title: 'All local data was removed',
        text: 'The saved session and the copy of your file are deleted from this browser, and the notebook is empty.',
      };
    case 'clear-failed':
      return {
        kind: 'error',
        title: 'Local data could not be removed',
        text: `${n.reason} Close other tabs of this app and try again.`,
      };
  }
}
