import { vi } from "vitest";

// `server-only` throws outside a React Server environment; in tests the modules run in plain Node.
vi.mock("server-only", () => ({}));

// Every BFF request writes a log line; the tests make thousands. Tests of the log lines give the
// logger a destination and level of their own (lib/log.ts useLogDestination).
process.env.LOG_LEVEL ??= "error";
