import { useId, type ReactNode } from "react";
import { noticeAction, noticeBox, noticeSize, noticeTitle, noticeTone } from "./classes";

export type NoticeTone = keyof typeof noticeTone;

type Props = {
  tone: NoticeTone;
  size?: keyof typeof noticeSize;
  /** A short line above the message; `titleAs` makes it a heading where the page needs one. */
  title?: ReactNode;
  titleAs?: "p" | "h1" | "h2" | "h3";
  /** What to do next (a link, a button, a sentence): beside the message, outside its live region. */
  action?: ReactNode;
  /** The live region: an error is an alert, others a status; null for a notice that is part of the content (a table cell that is polled). */
  role?: "alert" | "status" | null;
  children: ReactNode;
  "data-testid"?: string;
};

/**
 * A coloured box that says something about the page: an error, a warning or information. Only the
 * message (`children`) is the live region, named by the title, so what a screen reader announces,
 * and what a test reads from the region, is the message itself.
 */
export function Notice({ tone, size = "md", title, titleAs: Title = "p", action, role, children, "data-testid": testId }: Props) {
  const titleId = useId();
  const live = role === undefined ? (tone === "error" ? "alert" : "status") : role;
  return (
    <div className={`${noticeBox} ${noticeSize[size]} ${noticeTone[tone]}`} data-testid={testId}>
      {title ? (
        <Title id={titleId} className={noticeTitle}>
          {title}
        </Title>
      ) : null}
      <div role={live ?? undefined} aria-labelledby={title && live ? titleId : undefined}>
        {children}
      </div>
      {action ? <div className={noticeAction}>{action}</div> : null}
    </div>
  );
}
