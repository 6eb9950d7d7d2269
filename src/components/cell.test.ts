import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Cell, CellStepContext } from './cell';
import { STEPS, type StepId } from './steps';

const html = (step: StepId, n?: number) =>
  renderToStaticMarkup(
    createElement(
      CellStepContext.Provider,
      { value: n },
      createElement(Cell, { step, status: 'ready', summary: 'A summary.' }, 'body'),
    ),
  );

describe('Cell', () => {
  it('takes its id, heading and purpose from the step table', () => {
    const out = html('profile', 2);
    expect(out).toContain(
      '<section class="cell cell--ready" id="cell-profile" aria-labelledby="cell-profile-title"',
    );
    expect(out).toContain('data-testid="cell-profile"');
    expect(out).toContain(
      '<h2 id="cell-profile-title" class="cell__title" tabindex="-1"><span class="cell__step" aria-hidden="true">2</span>Data profile</h2>',
    );
    expect(out).toContain(
      '<p class="cell__purpose">Check what each column holds before anything is computed from it.</p>',
    );
    expect(out).toContain('data-testid="cell-profile-status"');
  });

  it('writes no purpose paragraph for a step without one, and no number outside the notebook', () => {
    const out = html('apply');
    expect(out).toContain(
      '<h2 id="cell-apply-title" class="cell__title" tabindex="-1">Apply a saved model</h2>',
    );
    expect(out).not.toContain('cell__purpose');
    expect(out).not.toContain('cell__intro');
  });
});

describe('STEPS', () => {
  it('names every step with distinct titles, and purposes as one sentence', () => {
    const entries = Object.values(STEPS);
    expect(new Set(entries.map((s) => s.short)).size).toBe(entries.length);
    expect(new Set(entries.map((s) => s.title)).size).toBe(entries.length);
    for (const s of entries) {
      if ('purpose' in s) expect(s.purpose).toMatch(/^[A-Z][^.]*\.$/);
    }
  });
});
