/// <reference lib="webworker" />
/** Data worker entry: routes typed requests to a DataService; one worker per loaded file. */
import type { DataRequest, DataResponse } from './protocol';
import { DataService } from './data-service';
import { toWireError } from '../rpc/wire-error';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const service = new DataService();
const cancelled = new Set<number>();

function post(msg: DataResponse, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

scope.onmessage = async (ev: MessageEvent<DataRequest>) => {
  const req = ev.data;
  if (req.type === 'cancel') {
    cancelled.add(req.target);
    return;
  }
  try {
    switch (req.type) {
      case 'load': {
        const { encoding, sheet, skipLines } = req;
        const result = await service.load(
          req.file,
          req.fileName,
          { encoding, sheet, skipLines },
          (progress) => post({ id: req.id, type: 'progress', progress }),
          () => cancelled.has(req.id),
        );
        post({ id: req.id, type: 'result', result });
        break;
      }
      case 'applyMapping':
        post({ id: req.id, type: 'result', result: service.applyMapping(req.mapping, req.dateOrder) });
        break;
      case 'clean':
        post({ id: req.id, type: 'result', result: service.clean(req.settings) });
        break;
      case 'rfmAtDay': {
        const t = service.rfmAtDay(req.settings, req.day);
        post({ id: req.id, type: 'result', result: t }, [
          t.recency.buffer,
          t.frequency.buffer,
          t.monetary.buffer,
        ]);
        break;
      }
      case 'computeRfm': {
        const t = service.computeRfm(req.settings);
        post({ id: req.id, type: 'result', result: t }, [
          t.recency.buffer,
          t.frequency.buffer,
          t.monetary.buffer,
        ]);
        break;
      }
      case 'rows':
        post({ id: req.id, type: 'result', result: service.rows(req.rowNumbers) });
        break;
      case 'profile':
        post({ id: req.id, type: 'result', result: service.profile() });
        break;
      case 'glance':
        post({ id: req.id, type: 'result', result: service.glance() });
        break;
      case 'outliers':
        // Not transferred: the report stays cached in the service (the Cleaning rule reuses it).
        post({ id: req.id, type: 'result', result: service.outliers() });
        break;
    }
  } catch (e) {
    post({ id: req.id, type: 'error', error: toWireError(e, 'internal') });
  } finally {
    cancelled.delete(req.id);
  }
};
