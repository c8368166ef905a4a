import { requirePermission } from "@/lib/auth/require";

/**
 * The section's permission, checked before its loading skeleton streams: a visitor without it gets
 * a real redirect (307) rather than a page that redirects once loaded. The page checks again. Its
 * page renders its first answer on the server and polls without react-query: no QueryProvider here.
 */
export default async function SectionLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("consent.read");
  return children;
}
