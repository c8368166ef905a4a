"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { postJson } from "@/components/lists/api";

type Totals = { entitled: number; licensed: number; cancelled: number; blocked: number; expired: number };
type Registry = { sourceId: string; sourceName: string; sourceKind: string; status: string; statusCode?: string; message?: string; totals?: Totals; count: number };
type Entitlement = {
  entitlementId: string; productId: string; productTitle?: string; entitlementType?: string; entitlementStatus: string;
  startDate?: string; activationUntilDate?: string; activationDate?: string; endDate?: string; expirationDate?: string;
  sourceId: string; sourceName: string; meaning: "ok" | "not_activated" | "activation_lapsed" | "cancelled" | "blocked" | "expired";
};
type Answer = { person: { kind: "student" | "employee" | "unknown"; key: string; name?: string; maskedId: string }; today: string; totals: Totals; registries: Registry[]; entitlements: Entitlement[] };
type Person = { kind: "student" | "employee"; key: string; name: string; maskedId: string };
type Diagnosis = { steps: Array<{ step: string; label: string; result: "ok" | "fail" | "unknown" | "not_checked"; finding: string }>; actorLabel: string; conclusion: string; text: string };
/** Who is asked about: in component memory only, sent in POST bodies. */
type Who = { studentKey: string } | { employeeKey: string } | { identifier: { type: string; value: string } };

const ID_TYPES = ["eckId", "NEPPI", "NEPRI", "BPI", "eduID", "ASI"] as const;
const TOTALS = ["licensed", "entitled", "cancelled", "blocked", "expired"] as const;
const BAR: Record<(typeof TOTALS)[number], string> = { licensed: "bg-emerald-700", entitled: "bg-sky-700", cancelled: "bg-slate-600", blocked: "bg-red-700", expired: "bg-amber-700" };

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
  const max = data ? Math.max(1, ...TOTALS.map((k) => data.totals[k])) : 1;

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
          aria-labelledby="zoek-naam"
          onSubmit={(e) => {
            e.preventDefault();
            if (search.trim().length >= 2) people.mutate(search.trim());
          }}
        >
          <h2 id="zoek-naam" className="text-lg font-semibold">{t("byName")}</h2>
          <div className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="usage-name" className="block">{t("name")}</label>
              <input id="usage-name" value={search} onChange={(e) => setSearch(e.target.value)} minLength={2} maxLength={100} required autoComplete="off" className="w-64 rounded border border-slate-500 px-2 py-1" />
            </div>
            <button type="submit" className="rounded border border-slate-700 bg-slate-800 px-3 py-1 text-white">{t("find")}</button>
          </div>
          {people.isPending ? <p role="status">{t("searching")}</p> : null}
          {people.isError ? <p role="alert" className="text-red-900">{(people.error as Error).message}</p> : null}
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
          aria-labelledby="zoek-kenmerk"
          onSubmit={(e) => {
            e.preventDefault();
            if (idValue.trim()) choose({ identifier: { type: idType, value: idValue.trim() } });
          }}
        >
          <h2 id="zoek-kenmerk" className="text-lg font-semibold">{t("byIdentifier")}</h2>
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

      {who === null ? <p className="text-slate-700">{t("nothingYet")}</p> : usage.isPending ? (
        <div role="status" aria-live="polite" className="space-y-2">
          <p>{t("loading")}</p>
          {Array.from({ length: 4 }, (_, i) => <div key={i} className="h-8 animate-pulse rounded bg-slate-200" />)}
        </div>
      ) : usage.isError ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-4 text-red-900">
          <p className="font-semibold">{t("error")}</p>
          <p>{(usage.error as Error).message}</p>
        </div>
      ) : data ? (
        <section aria-labelledby="gebruik-kop" className="space-y-4">
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="gebruik-kop" className="text-xl font-semibold">{data.person.name ?? t("unnamed")} <span className="font-mono text-sm font-normal">{data.person.maskedId}</span></h2>
            <button type="button" onClick={() => refresh.mutate()} className="rounded border border-slate-500 px-2 py-0.5 text-sm">{t("refresh")}</button>
          </div>
          {refresh.isError ? <p role="alert" className="text-red-900">{(refresh.error as Error).message}</p> : null}

          <div>
            <h3 className="font-semibold">{t("perSource")}</h3>
            <ul className="mt-1 space-y-1 text-sm">
              {data.registries.map((r) => (
                <li key={r.sourceId} className={r.status === "ok" || r.status === "unknown_user" ? "" : "rounded border border-amber-300 bg-amber-50 p-2 text-amber-950"}>
                  <span className="font-semibold">{r.sourceName}</span>{" "}
                  {r.status === "ok" ? t("sourceOk", { count: r.count }) : r.status === "unknown_user" ? t("sourceUnknownUser") : (
                    <>
                      <span>{r.message}</span>
                      {r.status === "consent_missing" ? <> <Link href={`/toestemming?api=usage-api&bron=${encodeURIComponent(r.sourceId)}`} className="text-blue-800 underline underline-offset-2">{t("startConsent")}</Link></> : null}
                    </>
                  )}
                </li>
              ))}
            </ul>
          </div>

          <figure aria-labelledby="totalen-kop" className="max-w-xl">
            <figcaption id="totalen-kop" className="font-semibold">{t("totals")}</figcaption>
            <dl className="mt-2 space-y-1 text-sm">
              {TOTALS.map((k) => (
                <div key={k} className="grid grid-cols-[9rem_1fr_2.5rem] items-center gap-2">
                  <dt>{t(`status.${k}`)}</dt>
                  <dd aria-hidden="true" className="h-4 rounded bg-slate-100"><div className={`h-4 rounded ${BAR[k]}`} style={{ width: `${(data.totals[k] / max) * 100}%` }} /></dd>
                  <dd className="text-right tabular-nums" data-testid={`total-${k}`}>{data.totals[k]}</dd>
                </div>
              ))}
            </dl>
          </figure>

          {data.entitlements.length === 0 ? <p>{t("noEntitlements")}</p> : (
            <div className="overflow-x-auto">
              <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
                <caption className="sr-only">{t("entitlements")}</caption>
                <thead className="bg-slate-100">
                  <tr>{(["colProduct", "colType", "colStatus", "colStart", "colActivateBy", "colEnd", "colExpires", "colSource", "colMeaning", "colDiagnose"] as const).map((c) => <th key={c} scope="col" className="p-2">{t(c)}</th>)}</tr>
                </thead>
                <tbody>
                  {data.entitlements.map((e) => (
                    <tr key={`${e.sourceId}:${e.entitlementId}`} className="border-t border-slate-200 align-top">
                      <td className="p-2">{e.productTitle ?? e.productId}<br /><span className="font-mono text-xs text-slate-700">{e.productId}</span></td>
                      <td className="p-2">{e.entitlementType ? t(`type.${e.entitlementType}` as "type.school-student") : "—"}</td>
                      <td className="p-2">{(TOTALS as readonly string[]).includes(e.entitlementStatus) ? t(`status.${e.entitlementStatus}` as "status.licensed") : e.entitlementStatus}</td>
                      <td className="p-2 tabular-nums">{e.startDate ?? "—"}</td>
                      <td className="p-2 tabular-nums">{e.activationUntilDate ?? "—"}</td>
                      <td className="p-2 tabular-nums">{e.endDate ?? "—"}</td>
                      <td className="p-2 tabular-nums">{e.expirationDate ?? "—"}</td>
                      <td className="p-2">{e.sourceName}</td>
                      <td className="p-2">{t(`meaning.${e.meaning}`)}</td>
                      <td className="p-2">
                        <button type="button" onClick={() => { setDiagnosed(e.productId); diagnosis.mutate(e.productId); }} className="rounded border border-slate-500 px-2 py-0.5" aria-label={t("diagnoseFor", { product: e.productTitle ?? e.productId })}>{t("diagnose")}</button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <DiagnoseForm onSubmit={(productId) => { setDiagnosed(productId); diagnosis.mutate(productId); }} />
          {diagnosed ? (
            <section aria-labelledby="diagnose-kop" className="space-y-2 rounded border border-slate-300 bg-white p-4">
              <h3 id="diagnose-kop" className="text-lg font-semibold">{t("diagnosisTitle", { product: diagnosed })}</h3>
              {diagnosis.isPending ? <p role="status">{t("diagnosing")}</p> : diagnosis.isError ? <p role="alert" className="text-red-900">{(diagnosis.error as Error).message}</p> : diagnosis.data ? (
                <>
                  <ol className="list-decimal space-y-1 pl-6 text-sm">
                    {diagnosis.data.steps.map((s) => (
                      <li key={s.step}><span className="font-semibold">{s.label}</span>: <span className={s.result === "fail" ? "text-red-800" : s.result === "ok" ? "text-emerald-800" : "text-slate-700"}>{t(`result.${s.result}`)}</span>, {s.finding}</li>
                    ))}
                  </ol>
                  <p className="font-semibold" role="status">{diagnosis.data.conclusion} {t("actionFor", { actor: diagnosis.data.actorLabel })}</p>
                  <label htmlFor="diagnose-tekst" className="block text-sm">{t("ticketText")}</label>
                  <textarea id="diagnose-tekst" readOnly value={diagnosis.data.text} rows={8} className="w-full rounded border border-slate-500 p-2 font-mono text-xs" />
                  <button type="button" onClick={() => navigator.clipboard?.writeText(diagnosis.data!.text)} className="rounded border border-slate-500 px-2 py-0.5 text-sm">{t("copy")}</button>
                </>
              ) : null}
            </section>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

/** A product the person has no entitlement to at all can be diagnosed too, by its code (EAN). */
function DiagnoseForm({ onSubmit }: { onSubmit: (productId: string) => void }) {
  const t = useTranslations("usage");
  const [product, setProduct] = useState("");
  return (
    <form className="flex flex-wrap items-end gap-3 text-sm" onSubmit={(e) => { e.preventDefault(); if (product.trim()) onSubmit(product.trim()); }}>
      <div>
        <label htmlFor="diagnose-product" className="block">{t("otherProduct")}</label>
        <input id="diagnose-product" value={product} onChange={(e) => setProduct(e.target.value)} maxLength={64} required inputMode="numeric" className="w-48 rounded border border-slate-500 px-2 py-1 font-mono" />
      </div>
      <button type="submit" className="rounded border border-slate-500 px-2 py-1">{t("diagnose")}</button>
    </form>
  );
}
