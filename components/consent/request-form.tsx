"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { getJson, postJson } from "@/components/lists/api";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import type { ConsentOverview } from "@/lib/contracts/consent";
import { useLabels, type SchoolOption } from "./status";

const focus = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800";
const control = `rounded border border-slate-500 px-2 py-1 ${focus}`;

type Saved = { consumerReferenceId: string; status: string };

/**
 * A new consent request: school, Provider, API and scopes (what the dashboard needs checked,
 * extras unchecked and only with a reason). Nothing typed is lost when the BFF refuses it.
 */
export function RequestForm({ labelledBy, schools, defaultSchool, prefill }: { labelledBy: string; schools: SchoolOption[]; defaultSchool: string; prefill: { providerId?: string; api?: string } }) {
  const t = useTranslations("consent");
  const labels = useLabels();
  const queryClient = useQueryClient();
  const [school, setSchool] = useState(defaultSchool);
  const [providerId, setProviderId] = useState(prefill.providerId ?? "");
  const [api, setApi] = useState(prefill.api ?? "");
  // Per API, so switching back and forth keeps what was ticked.
  const [picked, setPicked] = useState<Record<string, string[]>>({});
  const [reason, setReason] = useState("");

  // The Provider options come with the chosen school's overview (the BFF checks the role there too).
  const options = useQuery({
    queryKey: ["consent-providers", school],
    queryFn: async () => (await getJson<ConsentOverview>(`/api/consent?school=${encodeURIComponent(school)}`)).providers,
    staleTime: 60_000,
    retry: false,
  });
  const provider = options.data?.find((p) => p.id === providerId) ?? options.data?.[0];
  const offer = provider?.apis.find((a) => a.api === api) ?? provider?.apis[0];
  const scopes = offer ? (picked[offer.api] ?? offer.needed) : [];
  const extras = offer ? offer.extra.filter((s) => scopes.includes(s)) : [];
  const nameOf = (id: string) => schools.find((s) => s.id === id)?.name ?? id;

  const save = useMutation({
    mutationFn: (vars: { send: boolean; school: string }) =>
      postJson<Saved>(`/api/consent?school=${encodeURIComponent(vars.school)}`, { providerId: provider?.id ?? "", api: offer?.api ?? "", scopes, reason: extras.length ? reason : undefined, send: vars.send }),
    onSuccess: async () => {
      setPicked({});
      setReason("");
      await queryClient.invalidateQueries({ queryKey: ["consent"] });
    },
  });
  const toggle = (scope: string, on: boolean) => {
    if (!offer) return;
    setPicked({ ...picked, [offer.api]: on ? [...scopes, scope] : scopes.filter((s) => s !== scope) });
  };
  const scopeBox = (scope: string) => (
    <li key={scope}>
      <label className="inline-flex items-start gap-2">
        <input type="checkbox" checked={scopes.includes(scope)} onChange={(e) => toggle(scope, e.target.checked)} className={`mt-1 ${focus}`} />
        <span>{labels.scope(scope)}</span>
      </label>
    </li>
  );

  return (
    <form
      aria-labelledby={labelledBy}
      noValidate
      className="space-y-4 rounded border border-slate-300 bg-white p-4 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        save.mutate({ send: submitter?.value === "send", school });
      }}
    >
      <div className="flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="cf-school" className="block">{t("school")}</label>
          <select id="cf-school" value={school} onChange={(e) => setSchool(e.target.value)} className={control}>
            {schools.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </div>
        {options.isPending ? <p role="status">{t("loadingProviders")}</p> : options.isError ? <ErrorNotice error={options.error} size="sm" /> : !provider ? <p>{t("noProviders")}</p> : (
          <>
            <div>
              <label htmlFor="cf-provider" className="block">{t("provider")}</label>
              <select id="cf-provider" value={provider.id} onChange={(e) => setProviderId(e.target.value)} className={control}>
                {options.data.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="cf-api" className="block">{t("api")}</label>
              <select id="cf-api" value={offer?.api ?? ""} onChange={(e) => setApi(e.target.value)} className={control}>
                {provider.apis.map((a) => <option key={a.api} value={a.api}>{labels.api(a.api)}</option>)}
              </select>
            </div>
          </>
        )}
      </div>

      {offer ? (
        <>
          <fieldset className="space-y-1">
            <legend className="font-semibold">{t("neededLegend")}</legend>
            <ul className="space-y-1">{offer.needed.map(scopeBox)}</ul>
          </fieldset>
          <fieldset className="space-y-1">
            <legend className="font-semibold">{t("extraLegend")}</legend>
            {offer.extra.length ? (
              <>
                <p className="text-slate-700">{t("extraNote")}</p>
                <ul className="space-y-1">{offer.extra.map(scopeBox)}</ul>
              </>
            ) : <p className="text-slate-700">{t("noExtras")}</p>}
          </fieldset>
          {extras.length ? (
            <div>
              <label htmlFor="cf-reason" className="block font-semibold">{t("reason")}</label>
              <p id="cf-reason-hint" className="text-slate-700">{t("reasonHint")}</p>
              <textarea id="cf-reason" value={reason} onChange={(e) => setReason(e.target.value)} required aria-describedby="cf-reason-hint" rows={3} maxLength={1000} className={`w-full max-w-xl ${control}`} />
            </div>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <button type="submit" value="concept" disabled={save.isPending} className={`rounded border border-slate-700 px-3 py-1 ${focus}`}>{t("saveConcept")}</button>
            <button type="submit" value="send" disabled={save.isPending} className={`rounded border border-slate-700 bg-slate-800 px-3 py-1 text-white ${focus}`}>{t("send")}</button>
          </div>
        </>
      ) : null}

      {save.isPending ? <p role="status">{t("saving")}</p> : null}
      {save.isError ? <ErrorNotice error={save.error} title={t("formError")} /> : null}
      {save.isSuccess ? (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {t(save.data.status === "concept" ? "savedConcept" : "savedQueued", { school: nameOf(save.variables.school), id: save.data.consumerReferenceId })}
          {save.variables.school !== defaultSchool ? ` ${t("otherSchool", { school: nameOf(save.variables.school) })}` : null}
        </p>
      ) : null}
    </form>
  );
}
