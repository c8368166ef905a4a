"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { link } from "@/components/ui/classes";
import { Notice } from "@/components/ui/notice";
import type { Registry } from "./queries";
import { fieldsText, leftOutPaths } from "./words";

/** A registry answered about the person: with entitlements, or that it does not know them. Anything else is no usable answer. */
const answered = (r: Registry) => r.status === "ok" || r.status === "unknown_user";

/** What one registry answered, or why its answer cannot be used (with the way to consent when that is missing); what it left out. */
function RegistryLine({ r }: { r: Registry }) {
  const t = useTranslations("usage");
  const { leftOutItems } = r;
  return (
    <>
      <span className="font-semibold">{r.sourceName}</span>{" "}
      {r.status === "ok" ? (
        t("sourceOk", { count: r.count })
      ) : r.status === "unknown_user" ? (
        t("sourceUnknownUser")
      ) : (
        <>
          <span>{r.message}</span>
          {r.status === "consent_missing" ? (
            <>
              {" "}
              <Link href={`/toestemming?requestApi=usage-api&requestProvider=${encodeURIComponent(r.sourceId)}`} className={link}>
                {t("startConsent")}
              </Link>
            </>
          ) : null}
        </>
      )}
      {leftOutItems?.count ? (
        <> {t("sourceLeftOut", { count: leftOutItems.count, fields: fieldsText(t, leftOutPaths(leftOutItems.paths, true)) })}</>
      ) : null}
      {leftOutItems?.parts ? (
        <> {t("sourcePartsLeftOut", { count: leftOutItems.parts, fields: fieldsText(t, leftOutPaths(leftOutItems.paths, false)) })}</>
      ) : null}
      {r.status === "ok" && r.fields?.length ? <> {t("sourceRecordLeftOut", { fields: fieldsText(t, r.fields) })}</> : null}
    </>
  );
}

/** Per registry: what it answered, that it does not know the person, or why its answer cannot be used. */
export function UsageSources({ registries }: { registries: readonly Registry[] }) {
  const t = useTranslations("usage");
  return (
    <div>
      <h3 className="font-semibold">{t("perSource")}</h3>
      <ul className="mt-1 space-y-1 text-sm">
        {registries.map((r) => (
          // A registry whose answer cannot be used is a warning (a status); one that answered is a plain line.
          <li key={r.sourceId} data-testid={`source-${r.sourceId}`}>
            {answered(r) ? (
              <RegistryLine r={r} />
            ) : (
              <Notice tone="warning" size="sm">
                <RegistryLine r={r} />
              </Notice>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
