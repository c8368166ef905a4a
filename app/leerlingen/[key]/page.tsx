import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/require";
import { StudentDetail } from "@/components/students/student-detail";
import { pageTitle } from "@/components/shell/page-title";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("shell"))("student"));
}

// The URL holds only the opaque key (a keyed hash), never a name or an identifier.
export default async function StudentPage({ params }: { params: Promise<{ key: string }> }) {
  await requirePermission("students.read");
  const { key } = await params;
  if (!/^[0-9a-f]{32}$/.test(key)) notFound();
  const t = await getTranslations("student");
  return (
    <div className="space-y-4">
      <Link href="/leerlingen" className="text-sm text-blue-800 underline underline-offset-2">
        ← {t("back")}
      </Link>
      <StudentDetail studentKey={key} />
    </div>
  );
}
