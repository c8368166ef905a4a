"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-select";
import type { IdType, Who } from "./queries";

/** The identifier types the lookup accepts (lib/contracts/usage.ts `personInputShape`). */
const ID_TYPES = ["eckId", "NEPPI", "NEPRI", "BPI", "eduID", "ASI"] as const satisfies readonly IdType[];
const ID_OPTIONS = ID_TYPES.map((x) => ({ value: x, label: x === "eckId" ? "ECK iD" : x }));
const isIdType = (v: string): v is IdType => (ID_TYPES as readonly string[]).includes(v);

/** Looks a person up by an identifier typed in: it goes in the POST body only, never in a URL or the history. */
export function FindByIdentifier({ onChoose }: { onChoose: (who: Who) => void }) {
  const t = useTranslations("usage");
  const [idType, setIdType] = useState<IdType>("eckId");
  const [idValue, setIdValue] = useState("");
  return (
    <form
      className="space-y-3 rounded border border-slate-300 bg-white p-4 text-sm"
      aria-labelledby="by-identifier-heading"
      onSubmit={(e) => {
        e.preventDefault();
        if (idValue.trim()) onChoose({ identifier: { type: idType, value: idValue.trim() } });
      }}
    >
      <h2 id="by-identifier-heading" className="text-lg font-semibold">
        {t("byIdentifier")}
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <FilterSelect
          id="usage-id-type"
          label={t("idType")}
          all={false}
          value={idType}
          onChange={(v) => setIdType(isIdType(v) ? v : "eckId")}
          options={ID_OPTIONS}
        />
        <Field id="usage-id-value" label={t("idValue")}>
          {(c) => (
            <input
              {...c}
              className={`${c.className} w-72`}
              value={idValue}
              onChange={(e) => setIdValue(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              required
              maxLength={512}
            />
          )}
        </Field>
        <Button type="submit" variant="primary">
          {t("lookup")}
        </Button>
      </div>
      <p className="text-slate-700">{t("identifierNote")}</p>
    </form>
  );
}
