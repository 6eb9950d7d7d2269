/**
 * Telling a real GPU from a software renderer, without loading tfjs (so the probe is cheap).
 * Software renderers (SwiftShader, llvmpipe, Mesa softpipe / "Software", Microsoft Basic Render)
 * run WebGL and WebGPU on the CPU, several times slower than plain typed arrays: callers report them
 * and never pick them for speed.
 */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** True when a renderer / adapter description names a CPU implementation of the GPU APIs. */
export function isSoftwareRenderer(description: string | null | undefined): boolean {
  return description != null && SOFTWARE_RENDERER.test(description);
}

export interface WebGlInfo {
  /** Unmasked renderer string (or the masked one when the debug extension is absent), null without WebGL. */
  readonly renderer: string | null;
  readonly available: boolean;
  readonly software: boolean;
}

/**
 * Probes WebGL through an OffscreenCanvas (works in a worker) and reads the renderer via
 * WEBGL_debug_renderer_info. The probe context is released before returning.
 */
export function detectWebGl(): WebGlInfo {
  if (typeof OffscreenCanvas === 'undefined') return { renderer: null, available: false, software: false };
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (gl === null) return { renderer: null, available: false, software: false };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const raw: unknown = gl.getParameter(ext !== null ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    const renderer = typeof raw === 'string' ? raw : null;
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { renderer, available: true, software: isSoftwareRenderer(renderer) };
  } catch {
    return { renderer: null, available: false, software: false };
  }
}

export interface WebGpuInfo {
  readonly available: boolean;
  /** "vendor architecture description" of the adapter, or null. */
  readonly adapter: string | null;
  readonly software: boolean;
}

interface GpuAdapterLike {
  readonly info?: { vendor?: string; architecture?: string; description?: string; device?: string };
  readonly isFallbackAdapter?: boolean;
}
interface NavigatorGpuLike {
  readonly gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> };
}

/** Asks for a WebGPU adapter; a fallback adapter or a SwiftShader one counts as software. */
export async function detectWebGpu(): Promise<WebGpuInfo> {
  const nav = (typeof navigator === 'undefined' ? undefined : navigator) as NavigatorGpuLike | undefined;
  if (nav?.gpu === undefined) return { available: false, adapter: null, software: false };
  try {
    const adapter = await nav.gpu.requestAdapter();
    if (adapter === null) return { available: false, adapter: null, software: false };
    const info = adapter.info ?? {};
    const text =
      [info.vendor, info.architecture, info.device, info.description].filter((s) => s).join(' ') || null;
    const software = adapter.isFallbackAdapter === true || isSoftwareRenderer(text);
    return { available: true, adapter: text, software };
  } catch {
    return { available: false, adapter: null, software: false };
  }
}

/** The software renderer's name found in a renderer string ('SwiftShader', 'llvmpipe', …), or null. */
export function softwareRendererName(description: string | null | undefined): string | null {
  if (description == null) return null;
  const m = SOFTWARE_RENDERER.exec(description);
  if (m === null) return null;
  const word = m[0].toLowerCase();
  return word === 'swiftshader' ? 'SwiftShader' : word === 'basic render' ? 'Microsoft Basic Render' : m[0];
}
