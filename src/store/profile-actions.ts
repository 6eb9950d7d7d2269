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
import { isAbort, toStepError, type ErrorFallback } from './step-errors';
import { useNotebook } from './store';

const set = (patch: Partial<ProfileSlice>) => useNotebook.setState(patch);
const get = () => useNotebook.getState();

let installed = false;
let profileCtl: AbortController | null = null;
let profileTimer: ReturnType<typeof setTimeout> | null = null;
let glanceCtl: AbortController | null = null;

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
  profileCtl?.abort();
  profileCtl = null;
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

async function runProfile(result: LoadResult): Promise<void> {
  const c = dataClient();
  const ctl = new AbortController();
  profileCtl = ctl;
  set({ profileStatus: 'running', profileError: null });
  const t0 = performance.now();
  try {
    const columns = await c.profile({ signal: ctl.signal });
    if (profileCtl !== ctl) return;
    profileCtl = null;
    set({
      columnProfile: columns,
      profileStatus: 'ready',
      profileError: null,
      profileSource: result.fileName,
      profileMs: performance.now() - t0,
    });
  } catch (e) {
    if (profileCtl !== ctl) return;
    profileCtl = null;
    if (isAbort(e)) {
      set({ profileStatus: get().columnProfile ? 'stale' : 'waiting' });
      return;
    }
    set({ profileStatus: 'error', profileError: toStepError(e, profileFailed('profile')) });
  }
}

function onMapping(result: MappingResult | null): void {
  glanceCtl?.abort();
  glanceCtl = null;
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

async function runGlance(): Promise<void> {
  const c = dataClient();
  const ctl = new AbortController();
  glanceCtl = ctl;
  set({ glanceStatus: 'running', glanceError: null });
  const t0 = performance.now();
  try {
    // Both requests are queued at once; the worker answers them in order.
    const [glance, outliers] = await Promise.all([
      c.glance({ signal: ctl.signal }),
      c.outliers({ signal: ctl.signal }),
    ]);
    if (glanceCtl !== ctl) return;
    glanceCtl = null;
    set({ glance, outliers, glanceStatus: 'ready', glanceError: null, glanceMs: performance.now() - t0 });
  } catch (e) {
    if (glanceCtl !== ctl) return;
    glanceCtl = null;
    if (isAbort(e)) {
      set({ glanceStatus: get().glance ? 'stale' : 'waiting' });
      return;
    }
    set({
      glanceStatus: 'error',
      glanceError: toStepError(e, profileFailed('glance')),
    });
  }
}

/** Turns log axes on or off for the raw R, F, M pair plot. */
export function setPairLogAxes(on: boolean): void {
  set({ pairLogAxes: on });
}
