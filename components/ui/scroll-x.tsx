import { useId, type ReactNode } from "react";
import { scrollX } from "./classes";

/**
 * A table wider than the screen scrolls sideways inside this region, not the page. The region is
 * named by the table's caption and can take keyboard focus, so it can be scrolled without a mouse.
 */
export function ScrollX({ children }: { children: (captionId: string) => ReactNode }) {
  const captionId = useId();
  return (
    <div className={scrollX} role="region" aria-labelledby={captionId} tabIndex={0}>
      {children(captionId)}
    </div>
  );
}
