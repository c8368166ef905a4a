"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { CoverageCandidates } from "./coverage-candidates";
import { CoverageProducts } from "./coverage-products";
import { CoverageScope } from "./coverage-scope";
import type { Coverage } from "./queries";

/**
 * Who of the group was left out and why: former pupils, pupils the LAS no longer knows, ambiguous
 * matches, statuses nobody knows, and pupils about whom nothing is concluded while a mass change of
 * the LAS lists waits for review.
 */
function GroupNotes({ coverage }: { coverage: Coverage }) {
  const t = useTranslations("usage");
  const tMass = useTranslations("massChange");
  return (
    <>
      {coverage.heldForReview ? (
        <Notice tone="warning" size="sm" data-testid="held-for-review">
          {tMass("coverageHeld", { count: coverage.heldForReview })}
        </Notice>
      ) : null}
      {coverage.formerPupils || coverage.notInLas ? (
        <p className="text-sm text-slate-700">{t("coverageNotes", { former: coverage.formerPupils, notInLas: coverage.notInLas })}</p>
      ) : null}
      {coverage.ambiguousInLas ? (
        <Notice tone="warning" size="sm" data-testid="ambiguous-in-las">
          {t("ambiguousInLas", { count: coverage.ambiguousInLas })}
        </Notice>
      ) : null}
      {coverage.statusUnknown ? (
        <Notice tone="warning" size="sm" data-testid="status-unknown">
          {t("statusUnknownPupils", { count: coverage.statusUnknown })}
        </Notice>
      ) : null}
    </>
  );
}

/** Sources that refused the whole school (their products are missing), and pupils for whom a Source did not answer. */
function SourceGaps({ coverage }: { coverage: Coverage }) {
  const t = useTranslations("usage");
  return (
    <>
      {coverage.refusals.map((r) => (
        <Notice key={r.sourceId} tone="warning" size="sm">
          <span className="font-semibold">{r.sourceName}</span>: {r.message} {t("refusalEffect")}
        </Notice>
      ))}
      {coverage.pupilsWithErrors ? (
        <Notice tone="warning" size="sm">
          {t("pupilsWithErrors", { count: coverage.pupilsWithErrors })}
        </Notice>
      ) : null}
    </>
  );
}

/** The coverage of one group: its heading and export, what it rests on, then products and licences to reassign. */
export function CoverageResult({ coverage, onExport }: { coverage: Coverage; onExport: () => void }) {
  const t = useTranslations("usage");
  return (
    <section aria-labelledby="coverage-heading" className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="coverage-heading" className="text-xl font-semibold">
          {t("coverageTitle", { pupils: coverage.pupils })}
        </h2>
        <Button onClick={onExport} className="text-sm">
          {t("export")}
        </Button>
      </div>
      <GroupNotes coverage={coverage} />
      <CoverageScope coverage={coverage} />
      <SourceGaps coverage={coverage} />
      <CoverageProducts coverage={coverage} />
      <CoverageCandidates coverage={coverage} />
    </section>
  );
}
