// The npm package `webgpu` (Dawn for Node), as the harness uses it; typed here so that gpu/ type-checks
// without the package installed (it is only loaded with GPU=webgpu).
declare module 'webgpu' {
  export function create(flags: string[]): GPU;
  export const globals: Record<string, unknown>;
}
