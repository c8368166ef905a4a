import { useId, type ReactNode } from "react";
import { scrollTall, scrollX } from "./classes";

/**
 * A table wider than the screen scrolls sideways inside this region, not the page. The region is
 * named by the table's caption and can take keyboard focus, so it can be scrolled without a mouse.
 * `tall`: a long table also scrolls down inside the region (at most 65 % of the screen's height).
 */
export function ScrollX({ children, tall }: { children: (captionId: string) => ReactNode; tall?: boolean }) {
  const captionId = useId();
  return (
    <div className={tall ? scrollTall : scrollX} role="region" aria-labelledby={captionId} tabIndex={0}>
      {children(captionId)}
    </div>
  );
}
