import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

/** A page's metadata: its title as "<page name> · Leermiddelendashboard" in the reader's language. */
export async function pageTitle(name: string): Promise<Metadata> {
  const t = await getTranslations("shell");
  return { title: t("pageTitle", { page: name }) };
}
