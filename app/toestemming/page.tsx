import { ComingSoon } from "@/components/shell/coming-soon";
import { requirePermission } from "@/lib/auth/require";

export const dynamic = "force-dynamic";

export default async function Page() {
  await requirePermission("consent.read");
  return <ComingSoon page="consent" />;
}
