"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { focusRing, checkbox } from "@/components/ui/classes";
import { Field } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-select";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import type { ApiScopes, ProviderOption } from "@/lib/contracts/consent";
import type { ConsentSaved } from "./queries";
import { useLabels, type SchoolOption } from "./status";
import { useRequestForm, type RequestFormState } from "./use-request-form";

/**
 * A new consent request: school, Provider, API and scopes (what the dashboard needs checked,
 * extras unchecked and only with a reason). Nothing typed is lost when the BFF refuses it.
 */
export function RequestForm({
  labelledBy,
  schools,
  defaultSchool,
  prefill,
}: {
  labelledBy: string;
  schools: SchoolOption[];
  defaultSchool: string;
  prefill: { providerId?: string; api?: string };
}) {
  const t = useTranslations("consent");
  const form = useRequestForm(defaultSchool, prefill);
  const { offer, save } = form;

  return (
    <form
      aria-labelledby={labelledBy}
      noValidate
      className="space-y-4 rounded border border-slate-300 bg-white p-4 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        form.submit(submitter?.value === "send");
      }}
    >
      <div className="flex flex-wrap items-end gap-4">
        <FilterSelect
          id="cf-school"
          label={t("school")}
          all={false}
          value={form.school}
          onChange={form.setSchool}
          options={schools.map((s) => ({ value: s.id, label: s.name }))}
        />
        <ProviderChoice form={form} />
      </div>
      {offer ? (
        <>
          <ScopeFields
            offer={offer}
            scopes={form.scopes}
            onScopes={(next) => form.pickScopes(offer.api, next)}
            reason={form.reason}
            onReason={form.setReason}
          />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" value="concept" disabled={save.isPending}>
              {t("saveConcept")}
            </Button>
            <Button type="submit" value="send" variant="primary" disabled={save.isPending}>
              {t("send")}
            </Button>
          </div>
        </>
      ) : null}
      <SaveOutcome save={save} defaultSchool={defaultSchool} schools={schools} />
    </form>
  );
}

/** The Provider and API selects once the chosen school's Providers are in, or why they are not. */
function ProviderChoice({ form }: { form: RequestFormState }) {
  const t = useTranslations("consent");
  const { options, provider, offer } = form;
  return options.pending ? (
    <p role="status">{t("loadingProviders")}</p>
  ) : options.error ? (
    <ErrorNotice error={options.error} size="sm" />
  ) : !provider ? (
    <p>{t("noProviders")}</p>
  ) : (
    <ProviderSelects
      providers={options.data ?? []}
      provider={provider}
      api={offer?.api ?? ""}
      onProvider={form.setProviderId}
      onApi={form.setApi}
    />
  );
}

/** The save in progress, why it failed, or what was saved. */
function SaveOutcome({
  save,
  defaultSchool,
  schools,
}: {
  save: RequestFormState["save"];
  defaultSchool: string;
  schools: readonly SchoolOption[];
}) {
  const t = useTranslations("consent");
  return (
    <>
      {save.isPending ? <p role="status">{t("saving")}</p> : null}
      {save.isError ? <ErrorNotice error={save.error} title={t("formError")} /> : null}
      {save.status === "success" ? (
        <SavedNote saved={save.data} school={save.variables.school} defaultSchool={defaultSchool} schools={schools} />
      ) : null}
    </>
  );
}

/** Aanbieder and Gegevensdienst (API): the chosen school's Providers and the APIs the chosen one serves. */
function ProviderSelects({
  providers,
  provider,
  api,
  onProvider,
  onApi,
}: {
  providers: readonly ProviderOption[];
  provider: ProviderOption;
  api: string;
  onProvider: (id: string) => void;
  onApi: (api: string) => void;
}) {
  const t = useTranslations("consent");
  const labels = useLabels();
  return (
    <>
      <FilterSelect
        id="cf-provider"
        label={t("provider")}
        all={false}
        value={provider.id}
        onChange={onProvider}
        options={providers.map((p) => ({ value: p.id, label: p.name }))}
      />
      <FilterSelect
        id="cf-api"
        label={t("api")}
        all={false}
        value={api}
        onChange={onApi}
        options={provider.apis.map((a) => ({ value: a.api, label: labels.api(a.api) }))}
      />
    </>
  );
}

type ScopeProps = {
  offer: ApiScopes;
  scopes: readonly string[];
  onScopes: (next: string[]) => void;
  reason: string;
  onReason: (reason: string) => void;
};

/** The scopes of the chosen API: the ones the dashboard needs, the extras, and the reason an extra needs once ticked. */
export function ScopeFields({ offer, scopes, onScopes, reason, onReason }: ScopeProps) {
  const t = useTranslations("consent");
  const labels = useLabels();
  const extras = offer.extra.filter((s) => scopes.includes(s));
  const scopeBox = (scope: string) => (
    <li key={scope}>
      <label className="inline-flex items-start gap-2">
        <input
          type="checkbox"
          checked={scopes.includes(scope)}
          onChange={(e) => onScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))}
          className={`${checkbox} ${focusRing}`}
        />
        <span>{labels.scope(scope)}</span>
      </label>
    </li>
  );
  return (
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
        ) : (
          <p className="text-slate-700">{t("noExtras")}</p>
        )}
      </fieldset>
      {extras.length ? (
        <Field id="cf-reason" label={<span className="font-semibold">{t("reason")}</span>} hint={t("reasonHint")}>
          {(c) => (
            <textarea
              {...c}
              className={`${c.className} w-full max-w-xl`}
              value={reason}
              onChange={(e) => onReason(e.target.value)}
              required
              rows={3}
              maxLength={1000}
            />
          )}
        </Field>
      ) : null}
    </>
  );
}

/** What was saved, for which school (named when it is not the page's), with its reference. */
function SavedNote({
  saved,
  school,
  defaultSchool,
  schools,
}: {
  saved: ConsentSaved;
  school: string;
  defaultSchool: string;
  schools: readonly SchoolOption[];
}) {
  const t = useTranslations("consent");
  const nameOf = (id: string) => schools.find((s) => s.id === id)?.name ?? id;
  return (
    <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
      {t(saved.status === "concept" ? "savedConcept" : "savedQueued", { school: nameOf(school), id: saved.consumerReferenceId })}
      {school !== defaultSchool ? ` ${t("otherSchool", { school: nameOf(school) })}` : null}
    </p>
  );
}
