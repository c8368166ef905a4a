"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { QueryProvider } from "@/components/shell/query-provider";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { fetchPeople, usageKeys, type PeopleAnswer, type Who } from "./queries";

type Props = {
  /** The (part of a) name searched for: sent in a POST body, never in a URL or a query key. */
  q: string;
  /** The search's number in the form: each search submitted, of the same text too, is asked anew. */
  search: number;
  onChoose: (who: Who) => void;
};

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

/** A name search's answer: under way, why it failed, or the matches. */
function Answer({ q, search, onChoose }: Props) {
  const t = useTranslations("usage");
  // Asked once, never again by itself; forgotten as soon as no search shows it (names stay in no cache).
  const people = useQuery({
    queryKey: usageKeys.people(search),
    queryFn: () => fetchPeople(q),
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });
  if (people.isPending) return <p role="status">{t("searching")}</p>;
  if (people.isError) return <ErrorNotice error={people.error} size="sm" />;
  return <Matches data={people.data} onChoose={onChoose} />;
}

/**
 * The answer to a search by name, below its form (find-by-name.tsx). Loaded only once a search is
 * submitted, with the react-query it needs.
 */
export function PeopleMatches(props: Props) {
  return (
    <QueryProvider>
      <Answer {...props} />
    </QueryProvider>
  );
}
