"use client";

import { usePathname, useSearchParams } from "next/navigation";

/** A hidden field with the current page (path and filters, never personal data), so a header form can return here. */
export function BackField() {
  const pathname = usePathname();
  const search = useSearchParams();
  return <input type="hidden" name="back" value={`${pathname}${search.size ? `?${search}` : ""}`} />;
}
