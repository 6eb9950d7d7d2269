import { useEffect, useRef, type RefObject } from 'react';
import { startFromUrl } from '../store/data-actions';
import { CELLS, Notebook } from './notebook';
import { STEPS, type StepId } from '../components/steps';
import { SessionBar } from '../features/session/session-bar';
import { useCellStatuses, type CellStatuses } from '../components/cell-status';
import type { CellStatus } from '../components/cell';
import { startFocusRescue } from './focus-rescue';
import { loadPlotly } from '../components/plot/plotly-loader';

/** What the step bar says of a step's state (visually as a mark, in words for screen readers). */
const STEP_STATE: Partial<Record<CellStatus, { mark: string; text: string }>> = {
  ready: { mark: '✓', text: 'done' },
  running: { mark: '…', text: 'working' },
  stale: { mark: '!', text: 'out of date' },
  error: { mark: '!', text: 'needs attention' },
};

/** One sentence for the page's status region: what runs, what needs attention, or that all is done. */
function pageStatus(statuses: CellStatuses): string {
  const title = (id: StepId) => STEPS[id].short;
  const ids = CELLS.map((c) => c.id);
  const running = ids.filter((id) => statuses[id] === 'running');
  if (running.length > 0) return `Working: ${running.map(title).join(', ')}…`;
  const errors = ids.filter((id) => statuses[id] === 'error');
  if (errors.length > 0) return `Needs attention: ${errors.map(title).join(', ')}.`;
  if (ids.every((id) => statuses[id] === 'ready')) return 'Every step is ready.';
  return '';
}

/** The header's height as the CSS variable --header-h (focus and anchors scroll clear of it). */
function useHeaderHeight(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      document.documentElement.style.setProperty('--header-h', `${Math.ceil(el.offsetHeight)}px`);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
}

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
  const statuses = useCellStatuses();
  const header = useRef<HTMLElement>(null);
  useHeaderHeight(header);
  useEffect(() => {
    // The sample link: the 2D chart library first (see startFromUrl), then the sample.
    startFromUrl(window.location.search, () => loadPlotly());
    return startFocusRescue(document.body);
  }, []);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to the notebook
      </a>
      <header className="app-header" ref={header}>
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
            {CELLS.map((c, i) => {
              const st = statuses[c.id];
              const state = st ? STEP_STATE[st] : undefined;
              return (
                <li key={c.id}>
                  <a
                    href={`#cell-${c.id}`}
                    className={st ? `steps-nav--${st}` : undefined}
                    data-step-status={st}
                  >
                    <span className="steps-nav__n" aria-hidden="true">
                      {state ? state.mark : i + 1}
                    </span>
                    {STEPS[c.id].short}
                    {state ? <span className="visually-hidden">, {state.text}</span> : null}
                  </a>
                </li>
              );
            })}
          </ol>
        </nav>
      </header>
      <section className="session-region" aria-label="Your session">
        <SessionBar />
      </section>
      <p className="visually-hidden" role="status" data-testid="page-status">
        {pageStatus(statuses)}
      </p>
      <main id="main" className="app-main" tabIndex={-1}>
        <Notebook />
      </main>
      <footer className="app-footer">
        <p>Segment Notebook {__APP_VERSION__}. All computation runs on this computer; nothing is uploaded.</p>
      </footer>
    </>
  );
}
