import { ErrorNotice } from "./source-error-notice";

/** Why a toolbar's action (a refresh, an export) failed, on a line of its own below the buttons; nothing when it did not. */
export function ToolbarError({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <div className="w-full">
      <ErrorNotice error={error} title={title} />
    </div>
  );
}
