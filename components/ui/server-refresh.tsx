"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { getJson } from "@/components/lists/api";
import { RefreshButton } from "./list-toolbar";
import { ErrorNotice } from "./source-error-notice";

/**
 * "Vernieuwen" of an answer the server rendered: GETs `url` (the BFF route with `refresh=1`, which
 * asks the Source again, counts against the refresh limit and logs the read), then renders the page
 * anew from the fresh answer the route left in the cache. A failed refresh keeps what is shown and
 * says why, under `failedTitle`.
 */
export function ServerRefresh({ url, failedTitle }: { url: string; failedTitle?: string }) {
  const router = useRouter();
  const [failed, setFailed] = useState<unknown>(null);
  const [, startTransition] = useTransition();
  const refresh = async () => {
    try {
      await getJson(url);
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
          <ErrorNotice error={failed} title={failedTitle} />
        </div>
      ) : null}
    </>
  );
}
