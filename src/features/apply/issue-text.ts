/** Sentences for apply-mode issues (codes, field paths and rows come from src/core/model). */
import type { ApplyIssue } from '../../store/apply-slice';

const FEATURE_TEXT: Record<string, string> = {
  recency: 'recency',
  frequency: 'frequency',
  monetary: 'monetary',
};

function rowText(issue: ApplyIssue): string {
  return issue.row !== null ? `row ${issue.row + 1}` : '';
}

/** A plain sentence saying what is wrong, where, and what to do. */
export function issueText(issue: ApplyIssue): string {
  const file = issue.fileName ? `"${issue.fileName}"` : 'The file';
  const path = issue.path ?? '';
  switch (issue.code) {
    case 'model-not-json':
      return `${file} is not valid JSON or is cut short (${issue.message}). Open the model .json file saved by the Export step, unchanged.`;
    case 'model-not-object':
    case 'model-format':
      return `${file} is JSON but not a Segment Notebook model (the field "format" should be "segment-notebook-model"). Open the model .json file saved by the Export step.`;
    case 'model-format-version':
      return `${file} was saved in a model format this app cannot read (${issue.message}; it reads versions 1 and 2). Export the model again with this version of the app.`;
    case 'model-missing-field':
      return `${file} has no "${path}" field, so the model cannot be applied. The file was edited or cut short: export the model again.`;
    case 'model-wrong-type':
    case 'model-wrong-shape':
    case 'model-non-finite':
    case 'model-bad-value':
      if (path === 'analysisDate')
        return `The second analysis date cannot be used: ${issue.message}. Choose a day between the first and the last day of the data.`;
      return `The field "${path}" of ${file} is not usable (${issue.message}). The saved numbers were changed: export the model again.`;
    case 'before-day-invalid':
      return `The second analysis date cannot be used: ${issue.message}. Choose a day after the first and at most one day after the last day of the data.`;
    case 'apply-missing-column': {
      const was = issue.message ? ` ("${issue.message}" in the training file)` : '';
      const rule = issue.fileName ?? '';
      const what = rule.startsWith('cleaning: ')
        ? `The model's cleaning rule "${rule.slice('cleaning: '.length)}" uses the ${path} column${was}, but no column of this file is mapped to ${path}; without it the customers' R, F, M would not be the model's.`
        : `The model counts ${rule || 'its RFM'}, which needs the ${path} column${was}, but no column of this file is mapped to ${path}.`;
      return `${what} Map it in the Columns step, or open a file with that column.`;
    }
    case 'score-non-finite':
    case 'score-length-mismatch':
      return `The ${FEATURE_TEXT[path] ?? 'R, F or M'} value of customer ${rowText(issue)} is not a finite number (${issue.message}). Check the data or the cleaning rules.`;
    case 'score-no-customers':
      return `${file} has no customer rows. Choose a file with customers.`;
    case 'request-not-json':
      return `The pasted text is not JSON (${issue.message}). Paste the whole body, starting with {"input_data": …`;
    case 'request-no-input-data':
      return 'The body has no "input_data" object. Use {"input_data": {"columns": [...], "index": [...], "data": [[...], ...]}}.';
    case 'request-not-split':
      return `"${path}" must be a list (pandas "split" orientation: columns, index and data rows).`;
    case 'request-unknown-column':
      return `${path} (${issue.message}) is not a column the model uses. Use "Recency(Days)", "Frequency" and "Monetary(£)" (or recency, frequency, monetary), and nothing else.`;
    case 'request-duplicate-column':
      return `${path}: ${issue.message}. Give each of recency, frequency and monetary once.`;
    case 'request-missing-column':
      if (issue.fileName)
        return `${file} has no "${path}" column. Open the "All customers" CSV saved by the Export step (customer_id, recency, frequency, monetary, cluster_id, cluster_name).`;
      return `The request has ${issue.message}. Give the columns "Recency(Days)", "Frequency" and "Monetary(£)".`;
    case 'request-extra-column':
    case 'request-ragged-row':
      return `${path}: ${issue.message}. Every row of "data" needs exactly one value per column.`;
    case 'request-not-number':
      if (issue.fileName)
        return `${file}, ${path}: ${issue.message}. Fix that cell or export the customers again.`;
      return `${path}: ${issue.message}. Write numbers without quotes, e.g. 12.5.`;
    case 'request-null':
    case 'request-non-finite':
      return `${path}: ${issue.message}. Every value must be a finite number; remove or fill that row.`;
    case 'request-index-length':
      return `"${path}": ${issue.message}. Give one index label per data row, or leave "index" out.`;
    case 'transitions-mismatch':
      return `${issue.fileName ? `${file}, ` : ''}${path}: ${issue.message}. Each customer may appear once, in a segment of the open model.`;
    case 'rfm-table-no-dates':
      return 'This file is an RFM table without transaction dates, so it has no second analysis date. Use a previous customers export as "before" instead.';
    case 'apply-crashed':
      return `The scoring worker stopped (${issue.message}). Your earlier results are kept; press "Run again".`;
    case 'cancelled':
      return 'Scoring was cancelled. The previous results are kept (out of date); press "Run again" to score.';
    default:
      return `${issue.message}${path ? ` (${path})` : ''}. Your earlier results are kept; try again.`;
  }
}
