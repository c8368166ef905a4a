import type { ReactNode } from "react";
import { pageActions, pageDescription, pageHeaderBox, pageTitle } from "./classes";

/** The page's one h1, with an optional description below it and actions beside it. */
export function PageHeader({ title, description, actions }: { title: ReactNode; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className={pageHeaderBox}>
      <div>
        <h1 className={pageTitle}>{title}</h1>
        {description ? <p className={pageDescription}>{description}</p> : null}
      </div>
      {actions ? <div className={pageActions}>{actions}</div> : null}
    </div>
  );
}
