import { QueryProvider } from "@/components/shell/query-provider";
import { requirePermission } from "@/lib/auth/require";

/**
 * The section's permission, checked before its loading skeleton streams: a visitor without it gets
 * a real redirect (307) rather than a page that redirects once loaded. The page checks again. Its
 * pages load data in the browser: react-query comes with this layout, not with the root one.
 */
export default async function SectionLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("dataquality.read");
  return <QueryProvider>{children}</QueryProvider>;
}
