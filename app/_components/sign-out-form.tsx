"use client";

import { dropClientData } from "@/components/shell/client-data";

/**
 * Sign-out as a plain form POST to /api/sign-out: a full page load (the old page's memory goes),
 * whose answer carries Clear-Site-Data. The client-side caches are emptied first, so nothing is
 * left even if the browser keeps the old page around.
 */
export function SignOutForm({ who, label }: { who: string; label: string }) {
  return (
    <form method="post" action="/api/sign-out" onSubmit={dropClientData} className="text-sm">
      <span className="mr-2 text-slate-700">{who}</span>
      <button type="submit" className="rounded border border-slate-500 px-2 py-1">
        {label}
      </button>
    </form>
  );
}
