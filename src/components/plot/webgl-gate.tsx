/**
 * WebGL charts on a software renderer are drawn when the analyst asks for them.
 *
 * Where the browser draws WebGL on the CPU (SwiftShader, llvmpipe, …: no graphics card in use, as in
 * many virtual machines and remote desktops), plotly's first 3D scene holds the main thread for 1–2 s
 * (shader compilation, axis labels turned into triangles, then the first frame; measured in
 * docs/benchmarks.md, "Main thread"). Drawn on its own during the first results, that freezes the page
 * at the moment the analyst starts reading it. There the gate shows what the chart would be and one
 * button; with a real GPU (or when the renderer cannot be told) the chart is drawn at once as before.
 * Once drawn, a chart stays drawn while the gate is mounted (k changes update it in place).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { detectWebGl, softwareRendererName } from '../../kernels/renderer';

let probed: string | null | undefined;

/** The software renderer's name when this browser draws WebGL on the CPU, else null (probed once). */
export function softwareWebGl(): string | null {
  if (probed === undefined) {
    const info = detectWebGl();
    probed = info.software ? (softwareRendererName(info.renderer) ?? 'software') : null;
  }
  return probed;
}

interface WebGlGateProps {
  /** What the chart is, for the button and the note ("the 3D view"). */
  readonly what: string;
  /** Height of the placeholder, as the chart's, so the page does not jump when it is drawn. */
  readonly height: number;
  /** One sentence on what shows the same meanwhile. */
  readonly meanwhile?: string;
  readonly testId?: string;
  readonly children: ReactNode;
}

export function WebGlGate({ what, height, meanwhile, testId, children }: WebGlGateProps) {
  const [software] = useState(softwareWebGl);
  const [asked, setAsked] = useState(false);
  const chartRef = useRef<HTMLDivElement>(null);
  // The button goes away when pressed: the focus moves to the chart that replaces it.
  useEffect(() => {
    if (asked) chartRef.current?.focus();
  }, [asked]);
  if (software === null) return <>{children}</>;
  if (asked)
    return (
      <div ref={chartRef} tabIndex={-1} className="webgl-gate__chart">
        {children}
      </div>
    );
  return (
    <div className="webgl-gate" style={{ minHeight: height }} data-testid={testId}>
      <p>
        This browser draws WebGL charts in software ({software}: no graphics card in use), so drawing {what}{' '}
        pauses the page for one to two seconds. It is drawn when you ask for it.
        {meanwhile ? ` ${meanwhile}` : ''}
      </p>
      <button type="button" className="button button--primary" onClick={() => setAsked(true)}>
        Draw {what}
      </button>
    </div>
  );
}
