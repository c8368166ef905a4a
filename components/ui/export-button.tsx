"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { downloadPost } from "@/components/lists/api";
import { Button } from "./button";
import { ToolbarError } from "./toolbar-error";

type Props = {
  /** The BFF's export route (a POST with the filters shown in its body: they may name what a URL must not). */
  url: string;
  body: object;
  /** The file's name when the answer does not give one. */
  fileName: string;
  /** The title of the notice a failed export shows. */
  failedTitle: string;
};

/** "Exporteer CSV" of a list the server rendered, with the filters shown; a failed export says why. */
export function ExportButton({ url, body, fileName, failedTitle }: Props) {
  const t = useTranslations("kit");
  const [failed, setFailed] = useState<unknown>(null);
  return (
    <>
      <Button onClick={async () => setFailed(await downloadPost(url, body, fileName))}>{t("export")}</Button>
      <ToolbarError error={failed} title={failedTitle} />
    </>
  );
}
