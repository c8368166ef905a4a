/**
 * The kit's Tailwind classes, in one place: the pages' notices, buttons, fields and headings look
 * alike because they take their classes from here. Every interactive element has a visible focus ring.
 */
export const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800";

export const noticeBox = "rounded border";
/** md for a notice of the page, sm for one in a list, a table or beside other notes. */
export const noticeSize = { md: "p-3", sm: "p-2 text-sm font-normal" } as const;
export const noticeTitle = "font-semibold";
export const noticeAction = "mt-2";
export const noticeTone = {
  error: "border-red-300 bg-red-50 text-red-900",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  info: "border-sky-300 bg-sky-50 text-sky-950",
} as const;

export const link = `text-blue-800 underline underline-offset-2 ${focusRing}`;

const buttonBase = `inline-flex items-center gap-1 rounded border px-3 py-1 disabled:cursor-not-allowed disabled:opacity-60 ${focusRing}`;
export const buttonVariant = {
  primary: `${buttonBase} border-slate-700 bg-slate-800 text-white hover:bg-slate-700`,
  secondary: `${buttonBase} border-slate-500 bg-white text-slate-900 hover:bg-slate-100`,
} as const;

export const skeletonBox = "space-y-2";
export const skeletonRow = "h-8 animate-pulse rounded bg-slate-200";

export const fieldBox = "min-w-0 max-w-full space-y-1";
export const fieldLabel = "block";
export const fieldHint = "text-sm text-slate-700";
export const fieldControl = `max-w-full rounded border border-slate-500 px-2 py-1 ${focusRing}`;

export const pageHeaderBox = "flex flex-wrap items-start justify-between gap-4";
export const pageTitle = "text-2xl font-semibold";
export const pageDescription = "mt-2 max-w-3xl text-slate-700";
export const pageActions = "flex flex-wrap items-center gap-3";

export const tableBase = "w-full border-collapse text-left";
/** card: a table on its own (white, a shadow); plain: one inside a card or a list item. */
export const tableLook = { card: "bg-white text-sm shadow-sm", plain: "text-sm" } as const;
/** Cell padding: md for lists, sm for dense counts, xs for a table inside a list item. */
export const cellPad = { md: "p-2", sm: "px-2 py-1", xs: "p-1" } as const;
export const tableHead = "bg-slate-100";
export const tableHeadSticky = "sticky top-0 z-10 bg-slate-100";
export const tableRow = "border-t border-slate-200";
export const tableCaptionVisible = "pb-1 text-left font-medium";
export const sortButton = `font-semibold underline-offset-4 hover:underline ${focusRing}`;
/** The scroll region of a virtualised table: keyboard-scrollable (it takes focus), its height fixed. */
export const scrollRegion = `h-[65vh] overflow-auto rounded border border-slate-300 bg-white shadow-sm ${focusRing}`;
export const rowPending = "block h-4 w-1/2 animate-pulse rounded bg-slate-200";
/** A region a wide table scrolls sideways in; positioned, so that what is placed absolutely inside it (screen-reader text) scrolls with it instead of widening the page. */
export const scrollX = `relative min-w-0 overflow-x-auto ${focusRing}`;
/** A long table the server renders whole: it scrolls both ways in its region (header row kept), the page does not grow with it. */
export const scrollTall = `relative max-h-[65vh] min-w-0 overflow-auto rounded border border-slate-300 ${focusRing}`;

export const chooserOption = "mr-3 inline-flex items-center gap-1";
export const filterBar = "flex min-w-0 flex-wrap items-end gap-4 text-sm";
export const toolbarBox = "flex flex-wrap items-center gap-3 text-sm";
export const toolbarNote = "text-slate-700";

/** A checkbox big enough to hit (24 × 24 CSS px, WCAG 2.2 target size, which Lighthouse checks). */
export const checkbox = "h-6 w-6 shrink-0 align-middle accent-blue-800";
