// Dev server proxies the API to a local `idtrail serve` (IDTRAIL_URL, default :8080) so the app
// uses the same origin-relative paths in dev and when served by idtrail itself.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const target = process.env['IDTRAIL_URL'] ?? 'http://localhost:8080';
const api = ['/v1.0', '/beta', '/v1/workspaces', '/idtrail', '/healthz', '/readyz'];

export default defineConfig({
  plugins: [react()],
  server: { proxy: Object.fromEntries(api.map((p) => [p, { target, changeOrigin: true }])) },
  build: {
    // ECharts is large; keep it in its own chunk so the log pages do not wait for it.
    rollupOptions: { output: { manualChunks: (id) => (id.includes('node_modules/echarts') || id.includes('zrender') ? 'echarts' : id.includes('world-atlas') ? 'world' : undefined) } },
    chunkSizeWarningLimit: 1200,
  },
});
