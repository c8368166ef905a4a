"use client";

import { useTranslations } from "next-intl";
import { QueryProvider } from "@/components/shell/query-provider";
import { QueryView } from "@/components/ui/query-view";
import type { Who } from "./queries";
import { UsageAnswerView } from "./usage-answer";
import { usePersonUsage } from "./use-person-usage";

/**
 * The usage of the person chosen, as every registry answered it, with its refresh and diagnosis.
 * Loaded only once someone is chosen (person-usage.tsx), with the react-query it needs.
 */
export function PersonAnswer({ who }: { who: Who }) {
  return (
    <QueryProvider>
      <Answer who={who} />
    </QueryProvider>
  );
}

/** A skeleton while the registries are asked, the error notice for its code, or the answer. */
function Answer({ who }: { who: Who }) {
  const t = useTranslations("usage");
  const { usage, refresh, refreshing, diagnosed, diagnose, diagnosis } = usePersonUsage(who);
  return (
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
  );
}
