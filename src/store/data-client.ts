/**
 * The store's one data client (the data worker holding the loaded file), shared by the data actions
 * and the profile views. Made on first use; a crashed worker is replaced by the client itself and
 * reported in the data slice (`workerRestart`).
 */
import { createDataClient, type DataClient } from '../workers/data/client';
import { useNotebook } from './store';

let client: DataClient | null = null;

export function dataClient(): DataClient {
  if (!client) {
    client = createDataClient();
    // A crashed worker was replaced by the client (file read again, mapping and cleaning replayed).
    client.onRestart((e) =>
      useNotebook.setState({ workerRestart: { fileName: e.fileName, detail: e.detail } }),
    );
  }
  return client;
}

/** Ends the data worker, if one was started ("Clear all local data"); the client stays usable. */
export function disposeDataClient(): void {
  client?.dispose();
}
