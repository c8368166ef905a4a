import { useTranslations } from "next-intl";
import { skeletonBox, skeletonRow } from "./classes";

/**
 * While something loads: a status that says so in words (`label`, or "Bezig met laden…") and `rows`
 * grey bars in the shape of what is coming. The bars are decoration; the region is aria-busy.
 */
export function Skeleton({ label, rows = 3 }: { label?: string; rows?: number }) {
  const t = useTranslations("notices");
  return (
    <div role="status" aria-live="polite" aria-busy="true" className={skeletonBox}>
      <p>{label ?? t("loading")}</p>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} aria-hidden="true" className={skeletonRow} />
      ))}
    </div>
  );
}
