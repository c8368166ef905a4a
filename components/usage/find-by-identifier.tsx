"use client";

import { useTranslations } from "next-intl";
import { IdentifierLookupForm } from "@/components/ui/identifier-lookup-form";
import type { IdType, Who } from "./queries";

/** The identifier types the lookup accepts (lib/contracts/usage.ts `personInputShape`). */
const ID_TYPES = ["eckId", "NEPPI", "NEPRI", "BPI", "eduID", "ASI"] as const satisfies readonly IdType[];
const ID_OPTIONS = ID_TYPES.map((x) => ({ value: x, label: x === "eckId" ? "ECK iD" : x }));

/** Looks a person up by an identifier typed in: it goes in the POST body only, never in a URL or the history. */
export function FindByIdentifier({ onChoose }: { onChoose: (who: Who) => void }) {
  const t = useTranslations("usage");
  return (
    <IdentifierLookupForm
      className="space-y-3 rounded border border-slate-300 bg-white p-4 text-sm"
      headingId="by-identifier-heading"
      idPrefix="usage-id"
      heading={t("byIdentifier")}
      typeLabel={t("idType")}
      valueLabel={t("idValue")}
      submitLabel={t("lookup")}
      note={t("identifierNote")}
      types={ID_OPTIONS}
      maxLength={512}
      onLookup={(type, value) => onChoose({ identifier: { type, value } })}
    />
  );
}
