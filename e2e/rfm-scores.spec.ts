/**
 * RFM scores and named segments on the built-in UCI sample: break values and counts per score, named
 * segments with counts, the segment × cluster crosstab, a rule edit that moves the counts, and the
 * customer export with scores and segment names checked against the core computation (run here in
 * Node on the exported R, F, M).
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
  assignSegments,
  computeScores,
  DEFAULT_RULES,
  scoreWithSavedBreaks,
  segmentName,
  type SavedRfmScores,
  type SegmentRule,
} from '../src/core/rfm-scores';
import { cell, expectStatus, parseCsv } from './helpers';

const num = (s: string) => Number(s.replace(/[^0-9.-]/g, ''));

async function ruleCounts(page: Page): Promise<number[]> {
  return (
    await page.getByTestId('rfm-rules-table').locator('[data-testid^="rfm-rule-count-"]').allInnerTexts()
  ).map(num);
}

test('RFM scores: breaks, named segments, crosstab, rule edit, export with scores', async ({ page }) => {
  test.setTimeout(600_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto('/');
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  await expectStatus(page, 'rfm', 'ready');
  const customers = num(await page.getByTestId('rfm-customers').innerText());
  expect(customers).toBeGreaterThan(4000);
  const scoresCell = cell(page, 'rfm-scores');
  await expect(scoresCell).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });

  // Scores with their break values, and counts per score that add up to every customer.
  for (const f of ['recency', 'frequency', 'monetary']) {
    const cuts = (await page.getByTestId(`rfm-cuts-${f}`).innerText()).split(';').map(num);
    expect(cuts).toHaveLength(4);
    for (let i = 1; i < cuts.length; i++) expect(cuts[i]!).toBeGreaterThanOrEqual(cuts[i - 1]!);
    const bins = await page
      .getByTestId(`rfm-breaks-${f}`)
      .locator('[data-testid^="rfm-bin-"]')
      .allInnerTexts();
    expect(bins.map(num).reduce((a, b) => a + b, 0)).toBe(customers);
  }
  // UCI frequency: the customers who bought once all share score 1 (a tie note says so).
  await expect(page.getByTestId('rfm-notes-frequency')).toContainText('get score 1');

  // Named segments with counts: every customer in exactly one segment (Others included).
  const before = await ruleCounts(page);
  expect(before).toHaveLength(DEFAULT_RULES.length);
  const others0 = num(await page.getByTestId('rfm-others-count').innerText());
  expect(before.reduce((a, b) => a + b, 0) + others0).toBe(customers);
  await expect(page.getByTestId('rfm-segment-table')).toContainText('Champions');

  // The crosstab with the k-means clusters, once the clusters are ready.
  await expectStatus(page, 'segments', 'ready');
  const crosstab = page.getByTestId('rfm-crosstab');
  await expect(crosstab).toBeVisible();
  await expect(crosstab.locator('.plot[data-plot-state="drawn"]')).toHaveCount(1, { timeout: 60_000 });
  // One data table per chart: the chart's own "Data as a table" holds the crosstab's.
  await expect(crosstab.locator('details')).toHaveCount(1);
  await crosstab.getByText('Data as a table').click();
  const ctRows = page.getByTestId('rfm-crosstab-table').locator('tbody tr');
  expect(await ctRows.count()).toBeGreaterThan(1);

  // Edit a rule with the keyboard: Champions from R 5 to R 4–5 takes customers from the rules below.
  const rMin = page.getByTestId('rfm-rule-0-r-min');
  await rMin.focus();
  await rMin.press('ArrowDown');
  await expect(rMin).toHaveValue('4');
  await expect.poll(async () => (await ruleCounts(page))[0]).toBeGreaterThan(before[0]!);
  const after = await ruleCounts(page);
  expect(after.reduce((a, b) => a + b, 0) + num(await page.getByTestId('rfm-others-count').innerText())).toBe(
    customers,
  );
  expect(after.slice(1).reduce((a, b) => a + b, 0)).toBeLessThan(before.slice(1).reduce((a, b) => a + b, 0));
  await expect(page.getByTestId('rfm-rules-preset')).toHaveText('Edited rules');

  // Export all customers: scores and segment names as the core computes them on the exported R, F, M.
  await expectStatus(page, 'export', 'ready');
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-customers').click(),
  ]);
  const rows = parseCsv(readFileSync(await dl.path(), 'utf8'));
  const head = rows[0]!;
  expect(head.slice(-6)).toEqual(['r_score', 'f_score', 'm_score', 'rfm_score', 'rfm_sum', 'rfm_segment']);
  const body = rows.slice(1).filter((r) => r.length === head.length);
  expect(body).toHaveLength(customers);
  const col = (name: string) => head.indexOf(name);
  const cols = {
    recency: body.map((r) => Number(r[col('recency')])),
    frequency: body.map((r) => Number(r[col('frequency')])),
    monetary: body.map((r) => Number(r[col('monetary')])),
  };
  const scores = computeScores(cols, { scores: 5, method: 'quantile' });
  const rules: SegmentRule[] = DEFAULT_RULES.map((r, i) => (i === 0 ? { ...r, r: { min: 4, max: 5 } } : r));
  const assignment = assignSegments(scores, rules);
  body.forEach((row, i) => {
    const [r, f, m] = [scores.r[i]!, scores.f[i]!, scores.m[i]!];
    expect(row.slice(col('r_score'), col('rfm_segment') + 1)).toEqual([
      String(r),
      String(f),
      String(m),
      `${r}${f}${m}`,
      String(r + f + m),
      segmentName(assignment, rules, i),
    ]);
  });
  // The counts shown equal the export's.
  const exported = rules.map((ru) => body.filter((row) => row[col('rfm_segment')] === ru.name).length);
  expect(exported).toEqual(after);

  // The model JSON keeps the break values and rules; scoring the exported customers with them (as the
  // saved-model apply mode does) gives the exported segments.
  const [mdl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-model').click()]);
  const model = JSON.parse(readFileSync(await mdl.path(), 'utf8')) as { rfmScores: SavedRfmScores };
  // (the CSV rounds money to 15 significant digits, so cuts from it agree to rounding)
  for (const f of ['recency', 'frequency', 'monetary'] as const)
    model.rfmScores.breaks[f].cuts.forEach((c, i) => expect(c).toBeCloseTo(scores.breaks[f].cuts[i]!, 9));
  expect(model.rfmScores.rules.map((r) => r.name)).toEqual(rules.map((r) => r.name));
  const again = scoreWithSavedBreaks(model.rfmScores, cols);
  expect(again.map((x) => x.segment)).toEqual(body.map((row) => row[col('rfm_segment')]));

  // The R package preset: its cuts are the quantiles + 1 (left-closed) and its rules replace ours.
  const recencyCuts = (await page.getByTestId('rfm-cuts-recency').innerText()).split(';').map(num);
  await page.getByTestId('rfm-rules-r-preset').click();
  await expect(page.getByTestId('rfm-rules-preset')).toHaveText('R package rfm rules');
  await expect(page.getByTestId('rfm-rule-name-0')).toHaveValue('Champions');
  await expect(page.getByTestId('rfm-rule-name-1')).toHaveValue('Potential Loyalist');
  await expect
    .poll(async () => (await page.getByTestId('rfm-cuts-recency').innerText()).split(';').map(num))
    .toEqual(recencyCuts.map((c) => c + 1));

  // Custom cut points for recency, typed and applied with the keyboard.
  const input = page.getByTestId('rfm-cuts-input-recency');
  await input.fill('30; 90; 180; 365');
  await input.press('Enter');
  await expect(page.getByTestId('rfm-cuts-recency')).toHaveText('30; 90; 180; 365');
  const recent = cols.recency.filter((v) => v < 30).length; // left-closed in the R preset: 30 → next bin
  await expect(page.getByTestId('rfm-bin-recency-5')).toHaveText(recent.toLocaleString('en-US'));
  expect(errors).toEqual([]);
});
