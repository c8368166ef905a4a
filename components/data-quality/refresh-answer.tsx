"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { RefreshButton } from "@/components/ui/list-toolbar";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { fetchDataQuality } from "./queries";

/**
 * "Vernieuwen" of the server-rendered answer: asks the BFF to check again against the Sources (its
 * route skips the cache, counts against the refresh limit and logs the read), then renders the page
 * anew from that fresh answer. A failed refresh keeps the answer shown and says why; `hasAnswer`:
 * whether there is one to keep.
 */
export function RefreshAnswer({ schoolId, hasAnswer }: { schoolId: string; hasAnswer: boolean }) {
  const t = useTranslations("dataQuality");
  const router = useRouter();
  const [failed, setFailed] = useState<unknown>(null);
  const [, startTransition] = useTransition();
  const refresh = async () => {
    try {
      await fetchDataQuality(schoolId, true);
    } catch (error) {
      setFailed(error);
      return;
    }
    setFailed(null);
    startTransition(() => router.refresh());
  };
  return (
    <>
      <RefreshButton onRefresh={refresh} />
      {failed ? (
        <div className="w-full">
          <ErrorNotice error={failed} title={hasAnswer ? t("refreshFailed") : t("error")} />
        </div>
      ) : null}
    </>
  );
}
