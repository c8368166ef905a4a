import { requirePermission } from "@/lib/auth/require";

/**
 * A pupil's AVG record: its own section with its own permission (students.avg, the auditor), outside
 * /leerlingen, whose layout requires students.read for every page under it; an auditor may not read
 * pupils there, and that check stays as it is. Checked before the loading skeleton streams (a real 307).
 */
export default async function SectionLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("students.avg");
  return <>{children}</>;
}
