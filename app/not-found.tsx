import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <div>
      <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-2">
        {t("notFound")}{" "}
        <Link className="text-blue-800 underline" href="/">
          {t("backHome")}
        </Link>
        .
      </p>
    </div>
  );
}
