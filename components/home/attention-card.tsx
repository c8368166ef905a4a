import Link from "next/link";
import { useFormats } from "@/components/ui/format";

/** One line of a card: already in words, with its count, short code and the page that shows it (null: the viewer may not open it). */
export type AttentionLine = {
  /** Stable per line (part, code and subject), for React and for tests: `data-item`. */
  key: string;
  code: string;
  count: number;
  text: string;
  href: string | null;
  /** Said under the line, e.g. who can resolve it when the viewer cannot open the page. */
  note?: string;
};

export type AttentionCardProps = {
  /** The part ("sources", "consentGaps", …): the heading's id and `data-card`. */
  id: string;
  title: string;
  lines: readonly AttentionLine[];
  /** "And 3 more lines", or null. */
  more: string | null;
  /** Said when there are no lines and everything could be read. */
  empty: string;
  /** Said when (part of) the card's data could not be read; null when all of it was. */
  unreadable: string | null;
};

/**
 * A home-page card: what needs attention in one part, each line a link to the page that shows the
 * same thing; "nothing needs attention" only when the data could be read, else an honest "could not
 * be read". `data-state`: attention, clear or unreadable.
 */
export function AttentionCard({ id, title, lines, more, empty, unreadable }: AttentionCardProps) {
  const f = useFormats();
  const state = lines.length ? "attention" : unreadable ? "unreadable" : "clear";
  const headingId = `card-${id}`;
  return (
    <section
      aria-labelledby={headingId}
      data-card={id}
      data-state={state}
      className="space-y-3 rounded border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      {unreadable ? (
        <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">
          <span aria-hidden="true">⚠ </span>
          {unreadable}
        </p>
      ) : null}
      {lines.length ? (
        <ul className="space-y-2 text-sm">
          {lines.map((line) => (
            <li key={line.key} data-item={line.key} data-code={line.code} data-count={line.count} className="flex items-start gap-3">
              <span
                aria-hidden="true"
                className="min-w-8 rounded bg-amber-100 px-1.5 py-0.5 text-center font-semibold tabular-nums text-amber-950"
              >
                {f.number(line.count)}
              </span>
              <span className="min-w-0 break-words">
                {line.href ? (
                  <Link href={line.href} className="text-blue-800 underline underline-offset-2 hover:text-blue-950">
                    {line.text}
                  </Link>
                ) : (
                  line.text
                )}
                {line.note ? <span className="block text-xs text-slate-700">{line.note}</span> : null}
              </span>
            </li>
          ))}
        </ul>
      ) : unreadable ? null : (
        <p className="text-sm text-slate-700">
          <span aria-hidden="true" className="text-green-800">
            ✓{" "}
          </span>
          {empty}
        </p>
      )}
      {more ? <p className="text-sm text-slate-700">{more}</p> : null}
    </section>
  );
}

/** A card that is a way in rather than a list: a short text and one link. */
export function LinkCard({ id, title, text, link }: { id: string; title: string; text: string; link: { href: string; text: string } }) {
  const headingId = `card-${id}`;
  return (
    <section aria-labelledby={headingId} data-card={id} className="space-y-3 rounded border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="text-sm text-slate-700">{text}</p>
      <p className="text-sm">
        <Link href={link.href} className="text-blue-800 underline underline-offset-2 hover:text-blue-950">
          {link.text}
        </Link>
      </p>
    </section>
  );
}
