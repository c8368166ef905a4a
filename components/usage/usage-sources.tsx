"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { link } from "@/components/ui/classes";
import { Notice } from "@/components/ui/notice";
import type { Registry } from "./usage-types";
import { fieldsText, leftOutPaths } from "./words";

/** Per registry: what it answered, that it does not know the person, or why its answer cannot be used. */
export function UsageSources({ registries }: { registries: Registry[] }) {
  const t = useTranslations("usage");
  return (
    <div>
      <h3 className="font-semibold">{t("perSource")}</h3>
      <ul className="mt-1 space-y-1 text-sm">
        {registries.map((r) => {
          const answered = r.status === "ok" || r.status === "unknown_user";
          const line = (
            <>
              <span className="font-semibold">{r.sourceName}</span>{" "}
              {r.status === "ok" ? t("sourceOk", { count: r.count }) : r.status === "unknown_user" ? t("sourceUnknownUser") : (
                <>
                  <span>{r.message}</span>
                  {r.status === "consent_missing" ? <> <Link href={`/toestemming?requestApi=usage-api&requestProvider=${encodeURIComponent(r.sourceId)}`} className={link}>{t("startConsent")}</Link></> : null}
                </>
              )}
              {r.leftOutItems?.count ? <> {t("sourceLeftOut", { count: r.leftOutItems.count, fields: fieldsText(t, leftOutPaths(r.leftOutItems.paths, true)) })}</> : null}
              {r.leftOutItems?.parts ? <> {t("sourcePartsLeftOut", { count: r.leftOutItems.parts, fields: fieldsText(t, leftOutPaths(r.leftOutItems.paths, false)) })}</> : null}
              {r.status === "ok" && r.fields?.length ? <> {t("sourceRecordLeftOut", { fields: fieldsText(t, r.fields) })}</> : null}
            </>
          );
          // A registry whose answer cannot be used is a warning (a status); one that answered is a plain line.
          return <li key={r.sourceId} data-testid={`source-${r.sourceId}`}>{answered ? line : <Notice tone="warning" size="sm">{line}</Notice>}</li>;
        })}
      </ul>
    </div>
  );
}
