import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite loads its wasm and data files at run time; bundling it breaks webpack builds.
  serverExternalPackages: ["@electric-sql/pglite"],
};

export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
