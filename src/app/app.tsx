import { useEffect } from 'react';
import { startFromUrl } from '../store/data-actions';
import { CELLS, Notebook } from './notebook';
import { SessionBar } from '../features/session/session-bar';

function LockIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1.5 1.5 0 0 0-1.5 1.5v6A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-6A1.5 1.5 0 0 0 12 6h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 3.5a2 2 0 1 1 4 0V6H6V4.5Z"
      />
    </svg>
  );
}

/** The page: header with the privacy promise, a step index, and the notebook. */
export function App() {
  useEffect(() => {
    startFromUrl(window.location.search);
  }, []);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to the notebook
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <div>
            <h1 className="app-title">Segment Notebook</h1>
            <p className="app-tagline">
              Customer segments from your transactions: RFM, Yeo-Johnson and k-means.
            </p>
          </div>
          <p className="privacy" data-testid="privacy">
            <LockIcon /> Your data never leaves this browser
          </p>
        </div>
        <nav className="steps-nav" aria-label="Steps">
          <ol>
            {CELLS.map((c, i) => (
              <li key={c.id}>
                <a href={`#cell-${c.id}`}>
                  <span className="steps-nav__n" aria-hidden="true">
                    {i + 1}
                  </span>
                  {c.title}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      </header>
      <SessionBar />
      <main id="main" className="app-main" tabIndex={-1}>
        <Notebook />
      </main>
      <footer className="app-footer">
        <p>Segment Notebook {__APP_VERSION__}. All computation runs on this computer; nothing is uploaded.</p>
      </footer>
    </>
  );
}
