"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { fetchPeople, usageKeys, type PeopleAnswer, type Who } from "./queries";

/** The people whose name matched, each with a button to show their usage; or that nobody matched. */
function Matches({ data, onChoose }: { data: PeopleAnswer; onChoose: (who: Who) => void }) {
  const t = useTranslations("usage");
  if (data.people.length === 0) return <p role="status">{t("noMatches")}</p>;
  return (
    <ul className="divide-y divide-slate-200" aria-label={t("matches")}>
      {data.people.map((p) => (
        <li key={`${p.kind}:${p.key}`} className="flex items-center justify-between gap-2 py-1">
          <span>
            {p.name}{" "}
            <span className="text-slate-700">
              ({p.kind === "student" ? t("pupil") : t("employee")}, <span className="font-mono text-xs">{p.maskedId}</span>)
            </span>
          </span>
          <Button
            onClick={() => onChoose(p.kind === "student" ? { studentKey: p.key } : { employeeKey: p.key })}
            aria-label={t("showFor", { name: p.name })}
          >
            {t("show")}
          </Button>
        </li>
      ))}
    </ul>
  );
}

/** Finds pupils and employees by (part of) their name; the search text travels in a POST body only. */
export function FindByName({ onChoose }: { onChoose: (who: Who) => void }) {
  const t = useTranslations("usage");
  const [search, setSearch] = useState("");
  const people = useMutation({ mutationKey: usageKeys.people(), mutationFn: fetchPeople });
  return (
    <form
      className="space-y-3 rounded border border-slate-300 bg-white p-4 text-sm"
      aria-labelledby="by-name-heading"
      onSubmit={(e) => {
        e.preventDefault();
        if (search.trim().length >= 2) people.mutate(search.trim());
      }}
    >
      <h2 id="by-name-heading" className="text-lg font-semibold">
        {t("byName")}
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <Field id="usage-name" label={t("name")}>
          {(c) => (
            <input
              {...c}
              className={`${c.className} w-64`}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              minLength={2}
              maxLength={100}
              required
              autoComplete="off"
            />
          )}
        </Field>
        <Button type="submit" variant="primary">
          {t("find")}
        </Button>
      </div>
      {people.isPending ? <p role="status">{t("searching")}</p> : null}
      {people.isError ? <ErrorNotice error={people.error} size="sm" /> : null}
      {people.data ? <Matches data={people.data} onChoose={onChoose} /> : null}
    </form>
  );
}
