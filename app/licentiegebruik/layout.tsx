import { requirePermission } from "@/lib/auth/require";

/**
 * The section's permission, checked before its loading skeleton streams: a visitor without it gets
 * a real redirect (307) rather than a page that redirects once loaded. The page checks again. No
 * react-query here: the parts of the page that load data in the browser bring it when they load.
 */
export default async function SectionLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("usage.read");
  return children;
}
