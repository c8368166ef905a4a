import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Source credentials, keys and the sources file are read at run time on the server only.
  serverExternalPackages: ["pino"],
};

export default nextConfig;
