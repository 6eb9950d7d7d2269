/**
 * Actions of the data-profile views. They follow the data slice:
 * - a new `loadResult` (a file was parsed) → the column profile is computed in the data worker that
 *   holds the file (`profile` request);
 * - a new `mappingResult` of kind 'transactions' → transactions at a glance and the extreme lines of
 *   the uncleaned transactions (`glance`, `outliers` requests; the Cleaning step's 'outliers' rule
 *   reuses the worker's cached report).
 * Nothing here blocks the page: the work runs in the worker and a newer request aborts an older one.
 * An error leaves earlier results in place (status 'error' with a plain sentence).
 */
import { dataClient } from './data-client';
import type { LoadResult, MappingResult } from '../workers/data/client';
import type { ProfileSlice } from './profile-slice';
import type { StepError, StepStatus } from '../core/step';
import { isAbort, toStepError, type ErrorFallback } from './step-errors';
import { useNotebook } from './store';

const set = (patch: Partial<ProfileSlice>) => useNotebook.setState(patch);
const get = () => useNotebook.getState();

let installed = false;
type View = 'profile' | 'glance';
/** Each view's request in flight: a newer one aborts it, and only the latest writes its answer. */
const inFlight: Record<View, AbortController | null> = { profile: null, glance: null };
let profileTimer: ReturnType<typeof setTimeout> | null = null;

/** The code for a profile view that failed without its own code. */
const profileFailed =
  (what: 'profile' | 'glance'): ErrorFallback =>
  (detail) => ({ code: what === 'profile' ? 'profile-failed' : 'glance-failed', detail });

/**
 * Subscribes the profile views to the data slice (idempotent). Called once by the app
 * (src/app/pipelines.ts `startPipelines`); computes at once for data already loaded.
 */
export function installProfileSync(): void {
  if (installed) return;
  installed = true;
  useNotebook.subscribe((state, prev) => {
    if (state.loadResult !== prev.loadResult) onLoad(state.loadResult);
    if (state.mappingResult !== prev.mappingResult) onMapping(state.mappingResult);
  });
  const s = get();
  if (s.loadResult) onLoad(s.loadResult);
  if (s.mappingResult) onMapping(s.mappingResult);
}

function onLoad(result: LoadResult | null): void {
  inFlight.profile?.abort();
  inFlight.profile = null;
  if (profileTimer !== null) clearTimeout(profileTimer);
  profileTimer = null;
  if (!result) {
    set({
      profileStatus: 'waiting',
      profileError: null,
      columnProfile: null,
      profileSource: null,
      profileMs: null,
    });
    return;
  }
  // Asked one task later, after the data steps' requests that the same load result starts: the
  // worker answers in order, so the RFM table does not wait for the profile.
  set({ profileStatus: 'running', profileError: null });
  profileTimer = setTimeout(() => {
    profileTimer = null;
    void runProfile(result);
  }, 0);
}

function runProfile(result: LoadResult): Promise<void> {
  const c = dataClient();
  return runView(
    'profile',
    (signal) => c.profile({ signal }),
    (columns, ms) => ({ columnProfile: columns, profileSource: result.fileName, profileMs: ms }),
  );
}

function onMapping(result: MappingResult | null): void {
  inFlight.glance?.abort();
  inFlight.glance = null;
  if (!result) {
    // A new file or mapping is on its way: what is shown describes the previous one.
    const s = get();
    set({ glanceStatus: s.glance ? 'stale' : 'waiting', glanceError: null });
    return;
  }
  if (result.kind !== 'transactions') {
    set({ glanceStatus: 'waiting', glanceError: null, glance: null, outliers: null, glanceMs: null });
    return;
  }
  void runGlance();
}

function runGlance(): Promise<void> {
  const c = dataClient();
  return runView(
    'glance',
    // Both requests are queued at once; the worker answers them in order.
    (signal) => Promise.all([c.glance({ signal }), c.outliers({ signal })]),
    ([glance, outliers], ms) => ({ glance, outliers, glanceMs: ms }),
  );
}

function viewState(view: View, status: StepStatus, error?: StepError | null): Partial<ProfileSlice> {
  const patch: Partial<ProfileSlice> =
    view === 'profile' ? { profileStatus: status } : { glanceStatus: status };
  if (error === undefined) return patch;
  return { ...patch, ...(view === 'profile' ? { profileError: error } : { glanceError: error }) };
}

/**
 * One request of a view: 'running', then its result ('ready', with how long it took) — unless a newer
 * request took over. A cancel leaves 'stale' over an earlier result ('waiting' without one); a
 * failure keeps the earlier result with status 'error'.
 */
async function runView<T>(
  view: View,
  work: (signal: AbortSignal) => Promise<T>,
  done: (value: T, ms: number) => Partial<ProfileSlice>,
): Promise<void> {
  const ctl = new AbortController();
  inFlight[view] = ctl;
  set(viewState(view, 'running', null));
  const t0 = performance.now();
  try {
    const value = await work(ctl.signal);
    if (inFlight[view] !== ctl) return;
    inFlight[view] = null;
    set({ ...done(value, performance.now() - t0), ...viewState(view, 'ready', null) });
  } catch (e) {
    if (inFlight[view] !== ctl) return;
    inFlight[view] = null;
    if (isAbort(e)) {
      const earlier = view === 'profile' ? get().columnProfile : get().glance;
      set(viewState(view, earlier ? 'stale' : 'waiting'));
      return;
    }
    set(viewState(view, 'error', toStepError(e, profileFailed(view))));
  }
}

/** Turns log axes on or off for the raw R, F, M pair plot. */
export function setPairLogAxes(on: boolean): void {
  set({ pairLogAxes: on });
}
