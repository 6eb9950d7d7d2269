/**
 * Choosing and starting a tfjs backend.
 *
 * - 'wasm': the .wasm binaries are bundled by Vite (`?url`) and handed to `setWasmPaths`; the
 *   multithreaded build is switched off (`WASM_HAS_MULTITHREAD_SUPPORT = false`) because it failed
 *   inside a minified module worker and gave nothing on 2 cores. In Node (tests) the backend finds
 *   its binaries itself.
 * - 'webgl' and 'cpu' come with @tensorflow/tfjs; 'webgpu' is loaded on demand.
 * - Software renderers (SwiftShader, llvmpipe) are detected in ./renderer.ts, which does not load tfjs.
 */
import * as tf from '@tensorflow/tfjs';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export type TfBackendName = 'wasm' | 'webgl' | 'webgpu' | 'cpu';
export { detectWebGl, detectWebGpu, isSoftwareRenderer, type WebGlInfo, type WebGpuInfo } from './renderer';

const isNode = typeof process !== 'undefined' && process.versions?.node != null;
let wasmPathsSet = false;

/**
 * Makes `name` the active tfjs backend and waits until it is ready. Throws an Error naming the
 * backend when it cannot start (e.g. no WebGL, no WebGPU adapter, wasm blocked).
 */
export async function initBackend(name: TfBackendName): Promise<void> {
  if (tf.getBackend() === name) return;
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!isNode && !wasmPathsSet) {
      wasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmUrl,
        'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
      });
      wasmPathsSet = true;
    }
  } else if (name === 'webgpu') {
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  let ok = false;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch (e) {
    throw new Error(
      `The tfjs ${name} backend could not start: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (!ok || tf.getBackend() !== name)
    throw new Error(`The tfjs ${name} backend is not available in this browser.`);
}

/** The active tfjs backend's name, or null before any was set. */
export function activeBackend(): string | null {
  return tf.getBackend() ?? null;
}

/** Number of live tensors (for leak checks). */
export function liveTensors(): number {
  return tf.memory().numTensors;
}
