import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Dev server proxies the API to a locally running Shuyun server (npm start → :8080).
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': { target: 'http://localhost:8080', changeOrigin: false } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd (with rc-* and icons) is one ~1.1 MB chunk that grows as pages use more components; cached long-term.
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      output: {
        // Big libraries get their own long-lived chunks; pages are split by React.lazy.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (id.includes('echarts') || id.includes('zrender')) return 'echarts';
          if (id.includes('exceljs')) return 'exceljs';
          if (/[\\/](antd|@ant-design|rc-[^\\/]+|@rc-component)[\\/]/.test(id)) return 'antd';
          if (/[\\/](react|react-dom|react-router|react-router-dom|scheduler|@tanstack)[\\/]/.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
});
