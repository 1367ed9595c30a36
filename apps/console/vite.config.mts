import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `npm run console:dev` serves the console with hot reload and passes /api (and the gateway's
// other paths) to a running gateway: `npm start` in another terminal.
const gateway = `http://127.0.0.1:${process.env.PLEDGEBOOK_GATEWAY_PORT ?? 3000}`;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // React in its own long-cached chunk; each role's pages come in chunks of their own (lazy routes).
        codeSplitting: { groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ }] },
      },
    },
  },
  server: {
    port: Number(process.env.CONSOLE_DEV_PORT ?? 5173),
    proxy: { '/api': gateway, '/.well-known': gateway, '/health': gateway },
  },
});
