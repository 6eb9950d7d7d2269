/**
 * The browser's engine worker (src/workers/engine/engine.worker.ts) as a Node worker thread. Node has
 * no global `Worker`, so the entry's helper for splitting large sweeps is never spawned: a sweep runs
 * its restarts on this one thread (the browser's two-worker split gives the same result).
 */
import './self-shim';
import '../../workers/engine/engine.worker';
