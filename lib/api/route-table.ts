import type { Action } from "@/lib/auth/permissions";

/**
 * Every BFF route with the permission it needs. The authorization matrix test is generated from
 * this table, and another test fails when a route file under app/api is missing from it.
 */
export const ROUTE_TABLE: ReadonlyArray<{ path: string; method: "GET" | "POST" | "PUT" | "DELETE"; action: Action }> = [
  { path: "/api/sources", method: "GET", action: "sources.read" },
  { path: "/api/sources/contract-report", method: "GET", action: "sources.read" },
  { path: "/api/access-log", method: "GET", action: "accesslog.read" },
  { path: "/api/students", method: "POST", action: "students.read" },
  { path: "/api/students/export", method: "POST", action: "students.read" },
  { path: "/api/students/detail", method: "GET", action: "students.read" },
  { path: "/api/students/reveal", method: "POST", action: "students.read" },
  { path: "/api/students/avg", method: "GET", action: "students.avg" },
  { path: "/api/enrollments", method: "GET", action: "enrollments.read" },
  { path: "/api/enrollments/options", method: "GET", action: "enrollments.read" },
  { path: "/api/enrollments/export", method: "POST", action: "enrollments.read" },
  { path: "/api/employees", method: "GET", action: "assignments.read" },
  { path: "/api/employees", method: "POST", action: "employees.write" },
  { path: "/api/employees/remove", method: "POST", action: "employees.write" },
  { path: "/api/employees/assignments", method: "POST", action: "assignments.read" },
  { path: "/api/employees/assignments/export", method: "POST", action: "assignments.read" },
  { path: "/api/usage", method: "POST", action: "usage.read" },
  { path: "/api/usage/people", method: "POST", action: "usage.read" },
  { path: "/api/usage/options", method: "GET", action: "usage.read" },
  { path: "/api/usage/diagnose", method: "POST", action: "usage.read" },
  { path: "/api/usage/coverage", method: "POST", action: "usage.read" },
  { path: "/api/usage/coverage/export", method: "POST", action: "usage.read" },
  { path: "/api/consent", method: "GET", action: "consent.read" },
  { path: "/api/consent", method: "POST", action: "consent.write" },
  { path: "/api/consent/send", method: "POST", action: "consent.write" },
  { path: "/api/consent/history", method: "GET", action: "consent.read" },
  { path: "/api/consent/withdraw", method: "POST", action: "consent.write" },
  { path: "/api/consent/check", method: "POST", action: "consent.read" },
  { path: "/api/search", method: "POST", action: "people.search" },
  { path: "/api/data-quality", method: "GET", action: "dataquality.read" },
  { path: "/api/data-quality/export", method: "POST", action: "dataquality.read" },
  { path: "/api/data-quality/scan", method: "GET", action: "dataquality.read" },
  { path: "/api/data-quality/scan", method: "POST", action: "dataquality.read" },
  { path: "/api/data-quality/scan/cancel", method: "POST", action: "dataquality.read" },
  { path: "/api/data-quality/mass-change", method: "GET", action: "dataquality.read" },
  { path: "/api/data-quality/mass-change/accept", method: "POST", action: "dataquality.accept" },
];

/** Routes outside the staff wrapper, each for a stated reason. */
export const PUBLIC_ROUTES: Readonly<Record<string, string>> = {
  "/api/health": "liveness, no data",
  "/api/auth/[...nextauth]": "next-auth sign-in flow",
  "/api/sign-out":
    "sign-out: a plain form POST from our own pages (same origin checked, no custom header without script); ends the session and answers Clear-Site-Data",
  "/api/eduv/oauth2/token": "token endpoint for Data Providers (client credentials, private_key_jwt), not for staff",
  "/api/eduv/v1/consent/requests":
    "Edu-V GET /consent/requests for Data Providers, protected by their bearer tokens, not by staff sessions",
  "/api/eduv/v1/consent/notifications":
    "Edu-V PUT /consent/notifications for Data Providers (Consent API Afnemer), protected by their bearer tokens, not by staff sessions",
  "/api/e2e/reset":
    "the browser tests' reset of caches, breakers, pauses and limits: 404 unless LDB_E2E=1, and a production start with LDB_E2E=1 is refused; serves no data",
  "/api/e2e/session-ends":
    "the browser tests' stand-in for idle time passing (moves the caller's own session end closer): 404 unless LDB_E2E=1, refused in production like /api/e2e/reset; serves no data",
};
