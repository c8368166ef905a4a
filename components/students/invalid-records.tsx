import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/notice";
import type { StudentPage } from "./queries";

/** The Source's records left out of the list, by field path; nothing when none were. On the server and in the browser. */
export function InvalidRecords({ page }: { page: Pick<StudentPage, "invalid"> }) {
  const t = useTranslations("students");
  if (page.invalid.count === 0) return null;
  return <Notice tone="warning">{t("invalid", { count: page.invalid.count, paths: Object.keys(page.invalid.paths).join(", ") })}</Notice>;
}
