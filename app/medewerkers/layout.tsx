import { requirePermission } from "@/lib/auth/require";

/**
 * The section's permission, checked before its loading skeleton streams: a visitor without it gets
 * a real redirect (307) rather than a page that redirects once loaded. The page checks again. The
 * school's list is read on the server; react-query comes with an employee's assignments, fetched
 * when someone is picked (components/employees/employee-results.tsx), not with this layout.
 */
export default async function SectionLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("assignments.read");
  return children;
}
