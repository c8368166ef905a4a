"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import type { Who } from "./queries";

// The search's answer, and react-query with it, is loaded once a search is submitted.
const PeopleMatches = lazy(() => import("./people-matches").then((m) => ({ default: m.PeopleMatches })));

/** Finds pupils and employees by (part of) their name; the search text travels in a POST body only. */
export function FindByName({ onChoose }: { onChoose: (who: Who) => void }) {
  const t = useTranslations("usage");
  const [search, setSearch] = useState("");
  // The search submitted last, and how many were: the same text submitted again is searched again.
  const [asked, setAsked] = useState<{ q: string; n: number } | null>(null);
  return (
    <form
      className="space-y-3 rounded border border-slate-300 bg-white p-4 text-sm"
      aria-labelledby="by-name-heading"
      onSubmit={(e) => {
        e.preventDefault();
        const q = search.trim();
        if (q.length >= 2) setAsked((last) => ({ q, n: (last?.n ?? 0) + 1 }));
      }}
    >
      <h2 id="by-name-heading" className="text-lg font-semibold">
        {t("byName")}
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <Field id="usage-name" label={t("name")}>
          {(c) => (
            <input
              {...c}
              className={`${c.className} w-64`}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              minLength={2}
              maxLength={100}
              required
              autoComplete="off"
            />
          )}
        </Field>
        <Button type="submit" variant="primary">
          {t("find")}
        </Button>
      </div>
      {asked ? (
        <Suspense fallback={<Skeleton label={t("searching")} rows={2} />}>
          <PeopleMatches q={asked.q} search={asked.n} onChoose={onChoose} />
        </Suspense>
      ) : null}
    </form>
  );
}
