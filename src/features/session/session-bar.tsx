/**
 * The session bar under the header: offers to restore the session saved in this browser, reports
 * the outcome of a restore and any problem saving (a full disk is said, never swallowed), and holds
 * the "Clear all local data" button.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Message } from '../../components/message';
import { sessionNoticeText } from '../../messages/session';
import {
  clearAllLocalData,
  dismissOffer,
  getSession,
  initSession,
  restoreSession,
  subscribeSession,
} from '../../store/session-actions';
import './session.css';

function describeWhen(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function SessionBar() {
  const s = useSyncExternalStore(subscribeSession, getSession, getSession);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    void initSession();
  }, []);

  const offer = s.offer;
  const notice = s.notice ? sessionNoticeText(s.notice) : null;
  const when = offer ? describeWhen(offer.settings?.savedAt ?? offer.file.savedAt) : '';
  return (
    <div className="session-bar" data-testid="session-bar">
      {offer ? (
        <div
          className="message message--info session-offer"
          role="region"
          aria-label="Saved session"
          data-testid="restore-offer"
        >
          <p className="message__title">
            Restore your previous session ({offer.file.name}, {when})?
          </p>
          <p className="message__body small">
            {offer.settings?.k != null
              ? `The file is read again with your columns, cleaning and RFM settings, seed ${offer.settings.seed} and k = ${offer.settings.k}.`
              : 'The file is read again with your settings.'}
          </p>
          <div className="session-offer__actions">
            <button type="button" className="button button--primary" onClick={() => void restoreSession()}>
              Restore
            </button>
            <button type="button" className="button button--secondary" onClick={dismissOffer}>
              Not now
            </button>
          </div>
        </div>
      ) : null}
      {s.restoring ? (
        <p className="muted small" role="status" data-testid="restoring">
          Restoring your session: reading the file and recomputing every step…
        </p>
      ) : null}
      {notice ? (
        <Message kind={notice.kind} title={notice.title} testId="session-notice">
          {notice.text}
        </Message>
      ) : null}
      {s.saveError ? (
        <Message kind="warning" title="Your session is not being saved" testId="session-save-error">
          {s.saveError.message}
        </Message>
      ) : null}
      <div className="session-bar__line">
        <span className="muted small" data-testid="session-saved">
          {s.savedAt !== null
            ? `Session kept in this browser only (saved ${new Date(s.savedAt).toLocaleTimeString()}).`
            : 'Your session is kept in this browser only.'}
        </span>
        {confirming ? (
          <span className="session-bar__confirm">
            <span className="small">
              Delete the saved session and the copy of your file, and empty the notebook?
            </span>
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                setConfirming(false);
                void clearAllLocalData();
              }}
            >
              Yes, clear everything
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setConfirming(true)}
            disabled={s.restoring}
          >
            Clear all local data
          </button>
        )}
      </div>
    </div>
  );
}
