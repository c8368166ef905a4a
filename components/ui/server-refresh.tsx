"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { getJson, postJson } from "@/components/lists/api";
import { RefreshButton } from "./list-toolbar";
import { ToolbarError } from "./toolbar-error";

/**
 * "Vernieuwen" of an answer the server rendered: GETs `url` (the BFF route with `refresh=1`, which
 * asks the Source again, counts against the refresh limit and logs the read), or POSTs `body` to it
 * (a route that takes its question in the body, with `refresh: true`), then renders the page
 * anew from the fresh answer the route left in the cache. A failed refresh keeps what is shown and
 * says why, under `failedTitle`.
 */
export function ServerRefresh({ url, body, failedTitle }: { url: string; body?: object; failedTitle?: string }) {
  const router = useRouter();
  const [failed, setFailed] = useState<unknown>(null);
  const [, startTransition] = useTransition();
  const refresh = async () => {
    try {
      await (body ? postJson(url, body) : getJson(url));
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
      <ToolbarError error={failed} title={failedTitle} />
    </>
  );
}
