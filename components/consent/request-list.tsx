"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { DataTable } from "@/components/ui/data-table";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import type { ListFilterChanges, ListFilters } from "./list-filters";
import { useOverviewRefresh } from "./overview-refresh";
import { sendConsentRequest, type ConsentOverview } from "./queries";
import { useRequestColumns } from "./request-columns";
import { RequestFilters } from "./request-filters";
import { RequestHistory } from "./request-history";
import type { SchoolOption } from "./status";
import { useAction } from "./use-action";

/** The school's requests with their filters (kept in the URL), a way to send a concept, and each one's history. */
export function RequestList({
  data,
  school,
  filters,
  onFilter,
  canWrite,
}: {
  data: ConsentOverview;
  school: SchoolOption;
  filters: ListFilters;
  onFilter: (changes: ListFilterChanges) => void;
  canWrite: boolean;
}) {
  const t = useTranslations("consent");
  const refresh = useOverviewRefresh();
  const [open, setOpen] = useState<string | null>(null);
  const send = useAction((consumerReferenceId: string) => sendConsentRequest(school.id, consumerReferenceId), { onSettled: refresh });
  const columns = useRequestColumns({
    send: canWrite ? { run: (id) => send.mutate(id), pending: send.isPending } : undefined,
    open,
    toggle: (id) => setOpen(open === id ? null : id),
  });
  const filtered = Object.values(filters).some(Boolean);

  return (
    <div className="space-y-3">
      <RequestFilters data={data} filters={filters} onFilter={onFilter} />
      <p role="status">{t("count", { count: data.requests.length })}</p>
      {send.isError ? <ErrorNotice error={send.error} title={t("sendFailed")} /> : null}
      <DataTable
        columns={columns}
        rows={data.requests}
        rowKey={(r) => r.consumerReferenceId}
        caption={t("listCaption", { school: school.name })}
        empty={<p>{filtered ? t("noneFiltered") : t("none")}</p>}
        rowClassName="align-top"
        rowAttributes={(r) => ({ "data-testid": `request-${r.consumerReferenceId}` })}
        detail={(r) =>
          open === r.consumerReferenceId ? (
            <RequestHistory id={`history-${r.consumerReferenceId}`} schoolId={school.id} request={r} providers={data.providers} />
          ) : null
        }
      />
    </div>
  );
}
