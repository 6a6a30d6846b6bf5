import { defineConfig } from "vite";

// The app is built straight into the jar's resources (web/), which loupe-server serves.
export default defineConfig({
  // Absolute asset paths: the same index.html serves one project at / and each of several at /p/NAME/.
  base: "/",
  build: {
    outDir: "target/classes/web",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
