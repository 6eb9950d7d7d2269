import { describe, expect, it } from 'vitest';
import { sessionNoticeText, summaryDiffText, type SessionNoticeFacts } from './session';

/** One notice of each kind (a new kind without an example fails the first test's count). */
const NOTICES: readonly SessionNoticeFacts[] = [
  { code: 'restore-failed', reason: null },
  { code: 'restored-to-error', reason: 'The sample data could not be fetched (HTTP 404).' },
  {
    code: 'restored',
    fileName: 'online-retail.csv.gz',
    savedAt: Date.UTC(2026, 11, 7, 12),
    customers: 4338,
    k: 4,
    inertiasCompared: true,
  },
  {
    code: 'restored-differently',
    fileName: 'a.csv',
    diffs: [
      { what: 'customers', now: 4337, saved: 4338 },
      { what: 'inertia', k: 4, now: 1234.5678901, saved: 1230 },
    ],
  },
  { code: 'cleared' },
  { code: 'clear-failed', reason: 'The run history could not be used (blocked).' },
];

describe('session notices (src/messages/session.ts)', () => {
  it('every notice has a title and a full sentence, nothing undefined', () => {
    expect(new Set(NOTICES.map((n) => n.code)).size).toBe(6);
    for (const n of NOTICES) {
      const t = sessionNoticeText(n);
      expect(t.title, n.code).toMatch(/^[A-Z]/);
      expect(t.text, n.code).toMatch(/[.)]$/);
      expect(t.text, n.code).not.toMatch(/undefined|\[object|NaN/);
    }
  });

  it('writes the sentences the session bar always showed', () => {
    expect(sessionNoticeText(NOTICES[0]!)).toEqual({
      kind: 'error',
      title: 'The session could not be restored',
      text: 'the file could not be read again.',
    });
    const restored = sessionNoticeText(NOTICES[2]!);
    expect(restored.title).toBe('Session restored');
    expect(restored.text).toMatch(
      /^online-retail\.csv\.gz as saved on .+: 4,338 customers, k = 4; every k gives the same inertia as before\.$/,
    );
    expect(sessionNoticeText(NOTICES[3]!).text).toBe(
      'a.csv was recomputed with the saved settings, but the RFM table has 4337 customers instead of 4338; the inertia for k = 4 is 1,234.57 instead of 1,230. The engine or app version may have changed; check the results before using them.',
    );
    expect(sessionNoticeText(NOTICES[4]!).title).toBe('All local data was removed');
    expect(summaryDiffText({ what: 'k-missing', k: 6 })).toBe('k = 6 was not computed');
  });
});
