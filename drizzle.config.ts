import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate` writes a new versioned migration into lib/db/migrations from lib/db/schema.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: ["./lib/db/schema.ts", "./lib/db/auth-schema.ts"],
  out: "./lib/db/migrations",
});
