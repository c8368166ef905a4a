"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useState } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { FindByIdentifier } from "./find-by-identifier";
import { FindByName } from "./find-by-name";
import type { Who } from "./queries";

// The answer, and react-query with it, is loaded once someone is chosen: at once for a pupil's key from the URL.
const PersonAnswer = lazy(() => import("./person-answer").then((m) => ({ default: m.PersonAnswer })));

/** One pupil's or employee's licence usage: found by name or identifier (or given as a pupil's key), then what every registry answered. */
export function PersonUsage({ initialStudentKey }: { initialStudentKey?: string }) {
  const t = useTranslations("usage");
  // Who was chosen last (in this component's memory only), and how many choices were made: each
  // choice, of the same person too, mounts the answer anew, without the diagnosis of the one before.
  const [chosen, setChosen] = useState<{ who: Who; n: number } | null>(
    initialStudentKey ? { who: { studentKey: initialStudentKey }, n: 0 } : null,
  );
  const choose = (who: Who) => setChosen((last) => ({ who, n: (last?.n ?? 0) + 1 }));
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <FindByName onChoose={choose} />
        <FindByIdentifier onChoose={choose} />
      </div>
      {chosen === null ? (
        <p className="text-slate-700">{t("nothingYet")}</p>
      ) : (
        <Suspense fallback={<Skeleton label={t("loading")} rows={4} />}>
          <PersonAnswer key={chosen.n} who={chosen.who} />
        </Suspense>
      )}
    </div>
  );
}
