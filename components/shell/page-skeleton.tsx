import { useTranslations } from "next-intl";

/**
 * What a section shows while its page is made on the server (its loading.tsx): a heading's and a
 * few rows' grey shapes, and words for a screen reader. The header stays usable meanwhile.
 */
export function PageSkeleton() {
  const t = useTranslations("shell");
  return (
    <div role="status" className="space-y-6">
      <span className="sr-only">{t("loading")}</span>
      <div aria-hidden="true" className="space-y-6">
        <div className="h-8 w-64 max-w-full animate-pulse rounded bg-slate-200" />
        <div className="h-4 w-full max-w-2xl animate-pulse rounded bg-slate-200" />
        <div className="space-y-2">
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i} className="h-10 animate-pulse rounded bg-slate-200" />
          ))}
        </div>
      </div>
    </div>
  );
}
