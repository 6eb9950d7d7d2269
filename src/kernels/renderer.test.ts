import { describe, expect, it } from 'vitest';
import { detectWebGl, detectWebGpu, isSoftwareRenderer, softwareRendererName } from './renderer';

describe('software renderer detection', () => {
  // Renderer strings as browsers report them (WEBGL_debug_renderer_info / GPUAdapterInfo).
  it.each([
    [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'SwiftShader',
    ],
    ['Google SwiftShader', 'SwiftShader'],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', 'llvmpipe'],
    ['Mesa OffScreen / softpipe', 'softpipe'],
    [
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'Microsoft Basic Render',
    ],
    ['Software Adapter', 'Software'],
  ])('%s is software (%s)', (renderer, name) => {
    expect(isSoftwareRenderer(renderer)).toBe(true);
    expect(softwareRendererName(renderer)).toBe(name);
  });

  it.each([
    'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002503) Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'Apple M2',
    'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
    'AMD Radeon Pro 5500M OpenGL Engine',
  ])('%s is a real GPU', (renderer) => {
    expect(isSoftwareRenderer(renderer)).toBe(false);
    expect(softwareRendererName(renderer)).toBeNull();
  });

  it('treats a missing renderer as unknown, not software', () => {
    expect(isSoftwareRenderer(null)).toBe(false);
    expect(softwareRendererName(undefined)).toBeNull();
  });

  it('reports no WebGL or WebGPU in Node', async () => {
    expect(detectWebGl()).toEqual({ renderer: null, available: false, software: false });
    expect(await detectWebGpu()).toEqual({ available: false, adapter: null, software: false });
  });
});
