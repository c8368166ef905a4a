"use client";

import { usePathname } from "next/navigation";
import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";

const focus = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800";

/**
 * The shell's menu: on wide screens (lg, 1,024 px and up) the panel is always shown as the left
 * sidebar and the button is gone; on narrow ones the panel (navigation, school, language,
 * sign-out) opens and closes with a disclosure button (aria-expanded, aria-controls). Escape
 * closes it and returns focus to the button; going to another page, or sending one of its forms
 * (another school, the other language: the same page anew), closes it.
 * `collapsible` false (nothing to navigate, e.g. on the sign-in page): the panel is always shown.
 */
export function MenuDisclosure({
  brand,
  label,
  panelId,
  collapsible,
  children,
}: {
  brand: ReactNode;
  label: string;
  panelId: string;
  collapsible: boolean;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  const button = useRef<HTMLButtonElement>(null);
  if (shownFor !== pathname) {
    // A link in the panel was followed: the new page starts with the menu closed.
    setShownFor(pathname);
    setOpen(false);
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !open) return;
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div onKeyDown={onKeyDown}>
      <div className="flex items-center justify-between gap-3 px-4 py-3 lg:py-5">
        {brand}
        {collapsible ? (
          <button
            ref={button}
            type="button"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((o) => !o)}
            className={`inline-flex items-center gap-2 rounded border border-slate-500 px-3 py-1.5 text-sm lg:hidden ${focus}`}
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
              {open ? (
                <path d="M5.3 4.3 10 9l4.7-4.7 1 1L11 10l4.7 4.7-1 1L10 11l-4.7 4.7-1-1L9 10 4.3 5.3z" />
              ) : (
                <path d="M3 5h14v2H3zm0 4h14v2H3zm0 4h14v2H3z" />
              )}
            </svg>
            {label}
          </button>
        ) : null}
      </div>
      <div
        id={panelId}
        onSubmit={() => setOpen(false)}
        className={`${collapsible && !open ? "hidden" : "block"} space-y-6 border-t border-slate-200 px-4 pb-6 pt-4 lg:block lg:border-t-0 lg:pt-0`}
      >
        {children}
      </div>
    </div>
  );
}
