import { defineConfig } from "vite";

// The app is built straight into the jar's resources (web/), which loupe-server serves.
export default defineConfig({
  base: "./",
  build: {
    outDir: "target/classes/web",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
