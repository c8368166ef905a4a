import { getTranslations } from "next-intl/server";

export default async function NoAccessPage() {
  const t = await getTranslations("noAccess");
  return (
    <div className="max-w-2xl space-y-3">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p>{t("text")}</p>
    </div>
  );
}
