"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { DataColumn } from "@/components/ui/data-column";
import { MomentText, useFormats } from "@/components/ui/format";
import type { ConsentRequestView } from "@/lib/contracts/consent";
import { StatusText, useLabels } from "./status";

type Actions = {
  /** Sends a concept (only for who may write consent at this school). */
  send?: { run: (id: string) => void; pending: boolean };
  /** The request whose history is open, and how to open or close one. */
  open: string | null;
  toggle: (id: string) => void;
};

const extra = "rounded border border-amber-400 bg-amber-50 px-1 text-xs text-amber-900";

/** The request list's columns; each action button names its request for a screen reader. */
export function useRequestColumns({ send, open, toggle }: Actions): Array<DataColumn<ConsentRequestView>> {
  const t = useTranslations("consent");
  const labels = useLabels();
  const f = useFormats();
  const rowLabel = (r: ConsentRequestView) =>
    t("rowLabel", { provider: r.providerName, api: labels.api(r.api), when: f.dateTime(r.createdAt) });
  return [
    {
      id: "created",
      header: t("colCreated"),
      cell: (r) => (
        <>
          <span className="tabular-nums">
            <MomentText value={r.createdAt} />
          </span>
          <span className="block text-xs text-slate-700">{t("createdBy", { who: r.createdBy })}</span>
        </>
      ),
    },
    { id: "provider", header: t("colProvider"), cell: (r) => r.providerName },
    { id: "api", header: t("colApi"), cell: (r) => labels.api(r.api) },
    {
      id: "scopes",
      header: t("colScopes"),
      cell: (r) => (
        <>
          <ul>
            {r.scopes.map((s) => (
              <li key={s}>
                {labels.scope(s)}
                {r.extraScopes.includes(s) ? (
                  <>
                    {" "}
                    <span className={extra}>{t("extra")}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          {r.reason ? <p className="mt-1 text-slate-700">{t("reasonShown", { reason: r.reason })}</p> : null}
        </>
      ),
    },
    { id: "status", header: t("colStatus"), cell: (r) => <StatusText request={r} /> },
    { id: "changed", header: t("colChanged"), className: "tabular-nums", cell: (r) => <MomentText value={r.changedAt} /> },
    {
      id: "actions",
      header: t("colActions"),
      cell: (r) => (
        <div className="flex flex-col items-start gap-1">
          {/* A concept is sent for the first time; a request the Provider refused (its words are shown) again, after the fix. */}
          {send && (r.status === "concept" || r.status === "failed") ? (
            <Button disabled={send.pending} onClick={() => send.run(r.consumerReferenceId)}>
              {t(r.status === "failed" ? "sendAgainRow" : "sendRow")}
              <span className="sr-only"> ({rowLabel(r)})</span>
            </Button>
          ) : null}
          <Button
            aria-expanded={open === r.consumerReferenceId}
            aria-controls={open === r.consumerReferenceId ? `history-${r.consumerReferenceId}` : undefined}
            onClick={() => toggle(r.consumerReferenceId)}
          >
            {open === r.consumerReferenceId ? t("hideHistory") : t("showHistory")}
            <span className="sr-only"> ({rowLabel(r)})</span>
          </Button>
        </div>
      ),
    },
  ];
}
