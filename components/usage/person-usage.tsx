"use client";

import { useTranslations } from "next-intl";
import { QueryView } from "@/components/ui/query-view";
import { FindByIdentifier } from "./find-by-identifier";
import { FindByName } from "./find-by-name";
import { UsageAnswerView } from "./usage-answer";
import { usePersonUsage } from "./use-person-usage";

/** One pupil's or employee's licence usage: found by name or identifier (or given as a pupil's key), then what every registry answered. */
export function PersonUsage({ initialStudentKey }: { initialStudentKey?: string }) {
  const t = useTranslations("usage");
  const { who, choose, usage, refresh, refreshing, diagnosed, diagnose, diagnosis } = usePersonUsage(initialStudentKey);
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <FindByName onChoose={choose} />
        <FindByIdentifier onChoose={choose} />
      </div>
      {who === null ? (
        <p className="text-slate-700">{t("nothingYet")}</p>
      ) : (
        <QueryView query={usage} loadingLabel={t("loading")} errorTitle={t("error")}>
          {(data) => (
            <UsageAnswerView
              data={data}
              onRefresh={refresh}
              refreshing={refreshing}
              onDiagnose={diagnose}
              diagnosed={diagnosed}
              diagnosis={diagnosis}
            />
          )}
        </QueryView>
      )}
    </div>
  );
}
