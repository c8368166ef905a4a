"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { exportEnrollments, type EnrollmentExportBody } from "./queries";

/** "Exporteer CSV" of every enrollment matching the filters shown (`body`); a failed export says why. */
export function ExportEnrollments({ body }: { body: EnrollmentExportBody }) {
  const t = useTranslations("kit");
  const tList = useTranslations("students");
  const [failed, setFailed] = useState<unknown>(null);
  return (
    <>
      <Button onClick={async () => setFailed(await exportEnrollments(body))}>{t("export")}</Button>
      {failed ? (
        <div className="w-full">
          <ErrorNotice error={failed} title={tList("exportFailed")} />
        </div>
      ) : null}
    </>
  );
}
