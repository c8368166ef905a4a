"use client";

import { useTranslations } from "next-intl";
import { useFormats } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import type { Coverage } from "./queries";
import { ageText, fieldsText, namesText } from "./words";

/**
 * What the coverage rests on: how old its answers are, for how many pupils each registry answered,
 * which registries the conclusions hold for, and the LAS records that could not be read.
 */
export function CoverageScope({ coverage }: { coverage: Coverage }) {
  const t = useTranslations("usage");
  const f = useFormats();
  const { conclusions, registries } = coverage;
  const total = coverage.pupils + coverage.formerPupils;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700" data-testid="coverage-age">
        {coverage.dataAgeSeconds > 0
          ? t("dataAge", { age: ageText(t, coverage.dataAgeSeconds), time: f.time(coverage.oldestAnswerAt, { seconds: true }) })
          : t("dataFresh")}
      </p>
      {coverage.unreadableInLas.count ? (
        <Notice tone="warning" size="sm" data-testid="unreadable-in-las">
          {t("unreadableInLas", { count: coverage.unreadableInLas.count, fields: fieldsText(t, coverage.unreadableInLas.fields) })}
        </Notice>
      ) : null}
      {coverage.unreadableEnrollments.count ? (
        <Notice tone="warning" size="sm">
          {t("unreadableEnrollments", {
            count: coverage.unreadableEnrollments.count,
            fields: fieldsText(t, coverage.unreadableEnrollments.fields),
          })}
        </Notice>
      ) : null}
      {registries.length ? (
        <section aria-labelledby="registries-heading" className="text-sm">
          <h3 id="registries-heading" className="font-semibold">
            {t("perRegistry")}
          </h3>
          <ul className="mt-1 space-y-0.5" data-testid="registry-shares">
            {registries.map((r) => (
              <li key={r.sourceId} className={r.complete ? "" : "text-amber-950"}>
                {t("registryShare", { name: r.sourceName, answered: r.answered, asked: r.asked, percent: r.percent })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {coverage.asked < total ? <p className="text-sm">{t("notAllAsked", { asked: coverage.asked, total })}</p> : null}
      {!conclusions ? (
        <Notice tone="warning" size="sm" data-testid="conclusion-scope">
          {t("noConclusions")}
        </Notice>
      ) : conclusions.others.length ? (
        <Notice tone="warning" size="sm" data-testid="conclusion-scope">
          {t("conclusionsOnlyFor", { names: namesText(t, conclusions.from) })}
        </Notice>
      ) : null}
    </div>
  );
}
