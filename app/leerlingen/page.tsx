import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/require";
import { StudentsTable } from "./_components/students-table";

export const dynamic = "force-dynamic";

export default async function StudentsPage() {
  await requirePermission("students.read");
  const t = await getTranslations("students");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <StudentsTable />
    </div>
  );
}
