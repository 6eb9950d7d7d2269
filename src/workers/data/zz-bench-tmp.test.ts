import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { readWorkbook } from '/work/main/src/workers/xlsx/read-workbook';
import { loadWorkbook } from '/work/main/src/workers/data/load-workbook';
import { loadFile } from '/work/main/src/workers/data/load-file';
it('bench', async () => {
  const bytes = new Uint8Array(readFileSync('/tmp/segment-notebook-formats/16d27061f2fd458d/online-retail.xlsx'));
  for (let k = 0; k < 2; k++) {
    let t = performance.now(); let n = 0;
    await readWorkbook(bytes, { onRow: () => void n++ });
    console.log('readWorkbook only', Math.round(performance.now() - t), n);
    t = performance.now();
    const r = await loadWorkbook(new Blob([bytes]), 'x.xlsx', { onProgress: () => {}, isCancelled: () => false });
    console.log('loadWorkbook', Math.round(performance.now() - t), r.table.rowCount);
  }
  const csv = readFileSync('/tmp/segment-notebook-formats/16d27061f2fd458d/online-retail-semicolon-dmy.csv');
  const t = performance.now();
  await loadFile(new Blob([csv]), 'x.csv', { onProgress: () => {}, isCancelled: () => false });
  console.log('csv loadFile', Math.round(performance.now() - t));
}, 300000);
