/** The browser's data worker (src/workers/data/data.worker.ts) as a Node worker thread. */
import './self-shim';
import '../../workers/data/data.worker';
