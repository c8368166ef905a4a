import { requirePermission } from "@/lib/auth/require";

/**
 * The section's permission, checked before its loading skeleton streams: a visitor without it gets
 * a real redirect (307) rather than a page that redirects once loaded. The page checks again. The
 * list is rendered on the server: no react-query here.
 */
export default async function SectionLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("enrollments.read");
  return children;
}
