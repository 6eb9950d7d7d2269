import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QUIET_MS, isNearView, pickInView, scheduleDraw } from './draw-scheduler';

/** An element stand-in laid out at `top` with the given height (0 × 0: not laid out, e.g. folded). */
function box(top: number, height = 300, width = 800): Element {
  return {
    getBoundingClientRect: () => ({ top, bottom: top + height, width, height }),
  } as unknown as Element;
}

describe('which chart is drawn next', () => {
  it('counts charts in or near the viewport as in view, folded ones never', () => {
    expect(isNearView(box(100), 800)).toBe(true);
    expect(isNearView(box(900), 800)).toBe(true); // within 200 px below
    expect(isNearView(box(1100), 800)).toBe(false);
    expect(isNearView(box(-450), 800)).toBe(true); // bottom at −150
    expect(isNearView(box(-600), 800)).toBe(false);
    expect(isNearView(box(100, 0, 0), 800)).toBe(false);
  });

  it('picks the topmost chart in view, or none', () => {
    expect(pickInView([{ element: box(2000) }, { element: box(400) }, { element: box(50) }], 800)).toBe(2);
    expect(pickInView([{ element: box(2000) }, { element: box(-900) }], 800)).toBe(-1);
  });
});

describe('scheduleDraw', () => {
  const g = globalThis as { window?: unknown };
  beforeEach(() => {
    g.window = { innerHeight: 800 };
  });
  afterEach(() => {
    delete g.window;
  });

  it('draws charts in view first, top first, then the others, one at a time', async () => {
    const order: string[] = [];
    let running = 0;
    const draw = (name: string) => async () => {
      running++;
      expect(running).toBe(1);
      await new Promise((r) => setTimeout(r, 5));
      order.push(name);
      running--;
    };
    await Promise.all([
      scheduleDraw(box(3000), draw('below'), () => false),
      scheduleDraw(box(400), draw('lower in view'), () => false),
      scheduleDraw(box(20), draw('top in view'), () => false),
      scheduleDraw(box(-2000), draw('above'), () => false),
    ]);
    expect(order).toEqual(['top in view', 'lower in view', 'below', 'above']);
  });

  it('drops a request that went stale before its turn, and reports a failed draw', async () => {
    const order: string[] = [];
    let stale = false;
    const first = scheduleDraw(
      box(0),
      async () => void order.push('first'),
      () => false,
    );
    const dropped = scheduleDraw(
      box(10),
      async () => void order.push('dropped'),
      () => stale,
    );
    stale = true;
    const failing = scheduleDraw(
      box(20),
      () => Promise.reject(new Error('no WebGL')),
      () => false,
    );
    await first;
    await dropped;
    await expect(failing).rejects.toThrow('no WebGL');
    expect(order).toEqual(['first']);
  });

  it('draws a chart out of view only once no input came for QUIET_MS, while charts in view follow at once', async () => {
    const listeners: (() => void)[] = [];
    g.window = {
      innerHeight: 800,
      addEventListener: (_type: string, fn: () => void) => listeners.push(fn),
    };
    const t0 = performance.now();
    const drawnAt: Record<string, number> = {};
    const draw = (name: string) => async () => {
      drawnAt[name] = performance.now() - t0;
    };
    const first = scheduleDraw(box(0), draw('first'), () => false);
    await first;
    expect(listeners.length).toBeGreaterThan(0);
    // A key press every 100 ms for 500 ms (the analyst stepping through k).
    const input = () => listeners.forEach((l) => l());
    input();
    const below = scheduleDraw(box(3000), draw('below'), () => false);
    let lastInput = performance.now() - t0;
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 100));
      input();
      lastInput = performance.now() - t0;
    }
    const inView = scheduleDraw(box(100), draw('in view'), () => false);
    await inView;
    expect(drawnAt['below']).toBeUndefined();
    expect(drawnAt['in view']! - lastInput).toBeLessThan(QUIET_MS);
    await below;
    expect(drawnAt['below']! - lastInput).toBeGreaterThanOrEqual(QUIET_MS - 5);
  });
});
