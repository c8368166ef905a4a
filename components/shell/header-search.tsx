"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from "react";
import { postJson } from "@/components/lists/api";
import type { BodyOf, Endpoint } from "@/components/lists/contract-types";
import type { ResponseOf } from "@/lib/contracts/define";
import type { search } from "@/lib/contracts/search";

/** The search endpoint's method and path, as its contract names it (components/lists/contract-paths.test.ts holds it to it). */
export const searchEndpoints = {
  search: { method: "POST", path: "/api/search" },
} as const satisfies Record<string, Endpoint>;

export type SearchAnswer = ResponseOf<typeof search>;
type Found = SearchAnswer["people"][number];

/** Pupils and employees matching `q`: the text in a POST body, never in a URL. */
export function fetchSearch(q: string): Promise<SearchAnswer> {
  return postJson<SearchAnswer>(searchEndpoints.search.path, { q } satisfies BodyOf<typeof search>);
}

type State = { phase: "idle" } | { phase: "short" } | { phase: "busy" } | { phase: "failed" } | { phase: "done"; answer: SearchAnswer };

const focus = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800";

function Details({ person }: { person: Found }) {
  const t = useTranslations("search");
  const parts = [person.kind === "student" ? t("pupil") : t("employee"), person.maskedId];
  if (person.group) parts.push(t("group", { group: person.group }));
  if (person.yearOfBirth !== undefined) parts.push(t("born", { year: String(person.yearOfBirth) }));
  return <span className="block text-xs text-slate-700">{parts.join(" · ")}</span>;
}

/**
 * The header's search of pupils and employees by name or identifier, for the roles that may look
 * people up: a labelled input and a button, the matches in a list below with a live region saying
 * how many; each match links to where the searcher's role can act (opaque keys only). Escape closes
 * the list and returns to the input. Nothing typed leaves the browser but in a POST body.
 */
export function HeaderSearch() {
  const t = useTranslations("search");
  const { input, q, setQ, state, open, close, onSubmit, onKeyDown } = useHeaderSearch();
  const status = useStatusText(state);

  return (
    <div onKeyDown={onKeyDown} className="space-y-2 text-sm">
      <SearchForm input={input} q={q} onQ={setQ} onSubmit={onSubmit} />
      <p role="status" className={status ? "text-slate-800" : "sr-only"}>
        {status}
      </p>
      {state.phase === "done" && state.answer.people.length > 0 ? <SearchResults answer={state.answer} onPick={close} /> : null}
      {open ? (
        <button type="button" onClick={close} className={`rounded border border-slate-500 px-2 py-0.5 text-xs ${focus}`}>
          {t("close")}
        </button>
      ) : null}
    </div>
  );
}

/** The search's text, its phase, and how it is sent, answered, and closed. */
function useHeaderSearch() {
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState("");
  const [state, setState] = useState<State>({ phase: "idle" });
  const asked = useRef(0);
  const open = state.phase !== "idle";

  const close = () => {
    asked.current++;
    setState({ phase: "idle" });
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The menu closes when one of its forms is sent; this one stays open to show its matches.
    event.stopPropagation();
    const text = q.trim();
    if (text.length < 2) return setState({ phase: "short" });
    const mine = ++asked.current;
    setState({ phase: "busy" });
    try {
      const answer = await fetchSearch(text);
      if (mine === asked.current) setState({ phase: "done", answer });
    } catch {
      if (mine === asked.current) setState({ phase: "failed" });
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !open) return;
    // Only the list closes: the menu around it stays open, and the box keeps its text (a search box's own Escape would empty it).
    event.stopPropagation();
    event.preventDefault();
    close();
    input.current?.focus();
  };

  return { input, q, setQ, state, open, close, onSubmit, onKeyDown };
}

/** What the live region says about the search's phase. */
function useStatusText(state: State) {
  const t = useTranslations("search");
  return state.phase === "short"
    ? t("tooShort")
    : state.phase === "busy"
      ? t("searching")
      : state.phase === "failed"
        ? t("failed")
        : state.phase === "done"
          ? t("count", { count: state.answer.people.length })
          : "";
}

/** The labelled search box and its button. */
function SearchForm({
  input,
  q,
  onQ,
  onSubmit,
}: {
  input: RefObject<HTMLInputElement | null>;
  q: string;
  onQ: (q: string) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}) {
  const t = useTranslations("search");
  const id = useId();
  return (
    <form role="search" onSubmit={onSubmit} className="space-y-1">
      <label htmlFor={`${id}-q`} className="block">
        {t("label")}
      </label>
      <div className="flex items-center gap-2">
        <input
          ref={input}
          id={`${id}-q`}
          type="search"
          name="q"
          value={q}
          onChange={(e) => onQ(e.target.value)}
          placeholder={t("placeholder")}
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          className={`min-w-0 flex-1 rounded border border-slate-500 px-2 py-1 ${focus}`}
        />
        <button type="submit" className={`rounded border border-slate-500 px-2 py-1 ${focus}`}>
          {t("submit")}
        </button>
      </div>
    </form>
  );
}

/** The matches, each a link to where the searcher's role can act, and a note when there are more. */
function SearchResults({ answer, onPick }: { answer: SearchAnswer; onPick: () => void }) {
  const t = useTranslations("search");
  return (
    <div className="rounded border border-slate-300 bg-white">
      <ul aria-label={t("results")} className="max-h-80 divide-y divide-slate-200 overflow-y-auto">
        {answer.people.map((p) => (
          <li key={`${p.kind}:${p.key}`}>
            <Link href={p.href} onClick={onPick} className={`block px-2 py-1.5 hover:bg-slate-100 ${focus}`}>
              <span className="font-medium text-blue-900 underline">{p.name}</span>
              <Details person={p} />
            </Link>
          </li>
        ))}
      </ul>
      {answer.more ? <p className="border-t border-slate-200 px-2 py-1 text-xs text-slate-700">{t("more")}</p> : null}
    </div>
  );
}
