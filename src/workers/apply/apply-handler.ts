/** The apply worker's work, as a plain function (tested in Node without a worker). */
import { computeDrift } from '../../core/model/drift';
import { parsePreviousCustomers } from '../../core/model/previous-export';
import { parseScoringRequest } from '../../core/model/request';
import { scoreCustomers } from '../../core/model/score';
import { computeTransitions } from '../../core/model/transitions';
import type { ScoreResult } from '../../core/model/model-types';
import { toWireError } from '../rpc/wire-error';
import type { ApplyRequest, ApplyResponse, ApplyResults, ApplyStage } from './protocol';

function compute(req: ApplyRequest, progress: (s: ApplyStage) => void): ApplyResults[keyof ApplyResults] {
  switch (req.type) {
    case 'score': {
      progress('scoring');
      const now = scoreCustomers(req.model, req.now);
      progress('drift');
      const drift = computeDrift(req.model, req.now, now);
      if (!req.before) return { now, drift, before: null, transitions: null };
      progress('before');
      let before: ScoreResult;
      if (req.before.kind === 'rfm') before = scoreCustomers(req.model, req.before.customers);
      else
        before = {
          clusterIndex: req.before.customers.clusterIndex,
          distances: new Float64Array(req.before.customers.ids.length).fill(Number.NaN),
        };
      progress('transitions');
      const transitions = computeTransitions(
        {
          ids: req.before.customers.ids,
          clusterIndex: before.clusterIndex,
          monetary: req.before.customers.monetary,
        },
        { ids: req.now.ids, clusterIndex: now.clusterIndex, monetary: req.now.monetary },
        req.model.k,
      );
      return { now, drift, before, transitions };
    }
    case 'request': {
      const r = parseScoringRequest(req.body, req.model.features);
      const s = scoreCustomers(req.model, r.columns);
      return { index: r.index, clusterIndex: s.clusterIndex, distances: s.distances };
    }
    case 'previous':
      progress('reading');
      return parsePreviousCustomers(req.text, req.fileName, req.k);
  }
}

/** Runs one request and posts its progress and one result or error. */
export function handleApplyRequest(req: ApplyRequest, post: (m: ApplyResponse) => void): void {
  try {
    const result = compute(req, (stage) => post({ id: req.id, type: 'progress', stage }));
    post({ id: req.id, type: 'result', result });
  } catch (e) {
    post({ id: req.id, type: 'error', error: toWireError(e, 'apply-failed') });
  }
}
