import { requirePermission } from "@/lib/auth/require";

/**
 * The section's permission, checked before its loading skeleton streams: a visitor without it gets
 * a real redirect (307) rather than a page that redirects once loaded. The pages check again. The
 * list loads its pages in the browser (react-query comes with it); a pupil's page is rendered on the server.
 */
export default async function SectionLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("students.read");
  return children;
}
