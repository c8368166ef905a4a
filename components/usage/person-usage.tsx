"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { postJson } from "@/components/lists/api";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { DiagnoseForm, DiagnosisPanel } from "./diagnosis-panel";
import { EntitlementTable } from "./entitlement-table";
import { UsageSources } from "./usage-sources";
import { NoEntitlements, UsageTotals } from "./usage-totals";
import type { Answer, Diagnosis, Person, Who } from "./usage-types";
import { ageText } from "./words";

const ID_TYPES = ["eckId", "NEPPI", "NEPRI", "BPI", "eduID", "ASI"] as const;

export function PersonUsage({ initialStudentKey }: { initialStudentKey?: string }) {
  const t = useTranslations("usage");
  const [who, setWho] = useState<Who | null>(initialStudentKey ? { studentKey: initialStudentKey } : null);
  const [search, setSearch] = useState("");
  const [idType, setIdType] = useState<string>("eckId");
  const [idValue, setIdValue] = useState("");
  const [diagnosed, setDiagnosed] = useState<string | null>(null);
  const queryClient = useQueryClient();

  const people = useMutation({ mutationFn: (q: string) => postJson<{ people: Person[]; more: boolean }>("/api/usage/people", { q }) });
  // The key holds an opaque key or a marker, never a typed identifier.
  const usageKey = ["usage", who && "studentKey" in who ? who.studentKey : who && "employeeKey" in who ? who.employeeKey : who ? "typed" : null];
  const usage = useQuery({
    queryKey: usageKey,
    queryFn: () => postJson<Answer>("/api/usage", who),
    enabled: who !== null,
    retry: false,
    gcTime: 0,
  });
  const diagnosis = useMutation({ mutationFn: (productId: string) => postJson<Diagnosis>("/api/usage/diagnose", { ...who, productId }) });
  const refresh = useMutation({ mutationFn: () => postJson<Answer>("/api/usage", { ...who, refresh: true }), onSuccess: (fresh) => queryClient.setQueryData(usageKey, fresh) });
  const data = usage.data;
  const diagnose = (productId: string) => {
    setDiagnosed(productId);
    diagnosis.mutate(productId);
  };

  const choose = (next: Who) => {
    setWho(next);
    setDiagnosed(null);
    diagnosis.reset();
  };

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-2">
        <form
          className="space-y-3 rounded border border-slate-300 bg-white p-4 text-sm"
          aria-labelledby="by-name-heading"
          onSubmit={(e) => {
            e.preventDefault();
            if (search.trim().length >= 2) people.mutate(search.trim());
          }}
        >
          <h2 id="by-name-heading" className="text-lg font-semibold">{t("byName")}</h2>
          <div className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="usage-name" className="block">{t("name")}</label>
              <input id="usage-name" value={search} onChange={(e) => setSearch(e.target.value)} minLength={2} maxLength={100} required autoComplete="off" className="w-64 rounded border border-slate-500 px-2 py-1" />
            </div>
            <button type="submit" className="rounded border border-slate-700 bg-slate-800 px-3 py-1 text-white">{t("find")}</button>
          </div>
          {people.isPending ? <p role="status">{t("searching")}</p> : null}
          {people.isError ? <ErrorNotice error={people.error} size="sm" /> : null}
          {people.data ? (
            people.data.people.length === 0 ? <p role="status">{t("noMatches")}</p> : (
              <ul className="divide-y divide-slate-200" aria-label={t("matches")}>
                {people.data.people.map((p) => (
                  <li key={`${p.kind}:${p.key}`} className="flex items-center justify-between gap-2 py-1">
                    <span>{p.name} <span className="text-slate-700">({p.kind === "student" ? t("pupil") : t("employee")}, <span className="font-mono text-xs">{p.maskedId}</span>)</span></span>
                    <button type="button" onClick={() => choose(p.kind === "student" ? { studentKey: p.key } : { employeeKey: p.key })} className="rounded border border-slate-500 px-2 py-0.5" aria-label={t("showFor", { name: p.name })}>{t("show")}</button>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </form>
        <form
          className="space-y-3 rounded border border-slate-300 bg-white p-4 text-sm"
          aria-labelledby="by-identifier-heading"
          onSubmit={(e) => {
            e.preventDefault();
            if (idValue.trim()) choose({ identifier: { type: idType, value: idValue.trim() } });
          }}
        >
          <h2 id="by-identifier-heading" className="text-lg font-semibold">{t("byIdentifier")}</h2>
          <div className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="usage-id-type" className="block">{t("idType")}</label>
              <select id="usage-id-type" value={idType} onChange={(e) => setIdType(e.target.value)} className="rounded border border-slate-500 px-2 py-1">
                {ID_TYPES.map((x) => <option key={x} value={x}>{x === "eckId" ? "ECK iD" : x}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="usage-id-value" className="block">{t("idValue")}</label>
              <input id="usage-id-value" value={idValue} onChange={(e) => setIdValue(e.target.value)} autoComplete="off" spellCheck={false} required maxLength={512} className="w-72 rounded border border-slate-500 px-2 py-1" />
            </div>
            <button type="submit" className="rounded border border-slate-700 bg-slate-800 px-3 py-1 text-white">{t("lookup")}</button>
          </div>
          <p className="text-slate-700">{t("identifierNote")}</p>
        </form>
      </div>

      {who === null ? <p className="text-slate-700">{t("nothingYet")}</p> : usage.isPending ? <Skeleton label={t("loading")} rows={4} /> : usage.isError ? (
        <ErrorNotice error={usage.error} title={t("error")} />
      ) : data ? (
        <section aria-labelledby="usage-heading" className="space-y-4">
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="usage-heading" className="text-xl font-semibold">{data.person.name ?? t("unnamed")} <span className="font-mono text-sm font-normal">{data.person.maskedId}</span></h2>
            <button type="button" onClick={() => refresh.mutate()} disabled={refresh.isPending} className="rounded border border-slate-500 px-2 py-0.5 text-sm disabled:opacity-60">{t("refresh")}</button>
          </div>
          {refresh.isPending ? <p role="status">{t("loading")}</p> : null}
          {refresh.isError ? <ErrorNotice error={refresh.error} size="sm" /> : null}

          {data.ageSeconds > 0 ? <p className="text-sm text-slate-700" data-testid="answers-age">{t("answersAge", { age: ageText(t, data.ageSeconds) })}</p> : null}
          <UsageSources registries={data.registries} />
          <UsageTotals data={data} />
          {data.entitlements.length === 0 ? <NoEntitlements data={data} /> : <EntitlementTable entitlements={data.entitlements} onDiagnose={diagnose} />}
          <DiagnoseForm onSubmit={diagnose} />
          {diagnosed ? <DiagnosisPanel product={diagnosed} diagnosis={diagnosis} /> : null}
        </section>
      ) : null}
    </div>
  );
}
