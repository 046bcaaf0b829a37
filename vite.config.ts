// The viewer (viewer/client/): built by Vite into dist/viewer/client/, which `vigil serve` serves.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'viewer/client',
  base: './',
  logLevel: 'warn',
  build: {
    outDir: '../../dist/viewer/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: true,
  },
});
