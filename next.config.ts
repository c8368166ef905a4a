import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite loads its wasm and data files at run time; bundling it breaks webpack builds.
  serverExternalPackages: ["@electric-sql/pglite"],
  experimental: {
    // Next keeps a copy of a request's body for the proxy (proxy.ts) on the paths it covers, up to this
    // many bytes (10 MB by default) before any handler can refuse it. One byte over the BFF's own cap
    // (JSON_BODY_CAP, lib/api/request-body.ts): the handler still sees that the body is too large (413).
    proxyClientMaxBodySize: 64 * 1024 + 1,
  },
};

export default createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  // ICU messages compiled at build time: the browser gets no message parser.
  experimental: { messages: { path: "./lib/i18n/messages", format: "json", locales: "infer", precompile: true } },
})(nextConfig);
