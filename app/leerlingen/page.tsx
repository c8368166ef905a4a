import { ComingSoon } from "@/components/shell/coming-soon";
import { requirePermission } from "@/lib/auth/require";

export const dynamic = "force-dynamic";

export default async function Page() {
  await requirePermission("students.read");
  return <ComingSoon title="Leerlingen" what="De leerlingen van uw school uit de leerlingadministratie, met zoeken, filters en export." />;
}
