import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AttentionCard, LinkCard, type AttentionLine } from "@/components/home/attention-card";
import { pageTitle } from "@/components/shell/page-title";
import { can, rolesAt } from "@/lib/auth/permissions";
import { currentSchoolId } from "@/lib/auth/school";
import { getStaff } from "@/lib/auth/session";
import { DATA_KINDS } from "@/lib/db/access-log";
import { attentionParts, type AttentionCard as Card, type AttentionItem } from "@/lib/features/home/attention";
import { readAttention } from "@/lib/features/home/read-attention";
import { loadSourcesConfig } from "@/lib/sources/config";
import { CONSENT_APIS } from "@/lib/sources/reading/schemas/consent";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("shell"))("home"));
}

type Words = {
  t: Awaited<ReturnType<typeof getTranslations<"home">>>;
  api: (api: string) => string;
  kind: (kind: string) => string;
};

/** One item in words: Sources and Providers by name, the access log's staff member as it names them; never a pupil or an employee. */
function lineOf(part: Card["part"], item: AttentionItem, w: Words): AttentionLine {
  const { t } = w;
  const count = item.count;
  const source = item.source?.name ?? "";
  const params = { count, source, actor: item.actor ?? "", kind: w.kind(item.dataKind ?? ""), api: item.api ? w.api(item.api) : "" };
  let text: string;
  if (item.code === "consent_missing")
    text = item.api ? t("items.consent_missing", params) : t("items.consent_missing_unknown_api", params);
  else if ((item.code === "reveal" || item.code === "export") && item.outcome === "refused") text = t(`items.${item.code}_refused`, params);
  else text = t(`items.${item.code}`, params);
  return {
    key: [part, item.code, item.source?.id ?? item.actor ?? "", item.api ?? item.dataKind ?? "", item.outcome ?? ""].join(":"),
    code: item.code,
    count,
    text,
    href: item.href,
    note: item.href === null ? t("askConsentManager") : undefined,
  };
}

export default async function HomePage() {
  const staff = await getStaff();
  if (!staff) redirect("/inloggen");
  const schoolId = await currentSchoolId();
  if (!schoolId) redirect("/geen-toegang");
  const [t, tRoles, tConsent, tAccess] = await Promise.all([
    getTranslations("home"),
    getTranslations("roles"),
    getTranslations("consent"),
    getTranslations("accessLog"),
  ]);
  const school = loadSourcesConfig().schools.find((s) => s.id === schoolId);
  const schoolName = school?.name ?? schoolId;
  const roles = rolesAt(staff, schoolId);
  // Only the parts this staff member may open at this school: the permission check is here, the feature gets the answer.
  const cards = await readAttention(
    schoolId,
    attentionParts(roles, (action) => can(staff, action, schoolId)),
  );
  const words: Words = {
    t,
    api: (api) => ((CONSENT_APIS as readonly string[]).includes(api) ? tConsent(`apiName.${api}`) : api),
    kind: (kind) => ((DATA_KINDS as readonly string[]).includes(kind) ? tAccess(`kinds.${kind}`) : kind),
  };
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{staff.name ? t("welcomeName", { name: staff.name }) : t("welcome")}</h1>
        <p>{t("workingFor", { school: schoolName, roles: roles.map((r) => tRoles(r)).join(t("and")) })}</p>
      </div>
      {cards.length ? (
        <>
          <p className="max-w-3xl text-slate-700">{t("attentionIntro", { school: schoolName })}</p>
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            {cards.map((card) =>
              card.part === "lookup" ? (
                <LinkCard
                  key={card.part}
                  id={card.part}
                  title={t("cards.lookup.title")}
                  text={t("cards.lookup.text")}
                  link={{ href: card.href, text: t("cards.lookup.link") }}
                />
              ) : (
                <AttentionCard
                  key={card.part}
                  id={card.part}
                  title={t(`cards.${card.part}.title`)}
                  lines={card.items.map((item) => lineOf(card.part, item, words))}
                  more={card.more ? t("more", { count: card.more }) : null}
                  empty={t(`cards.${card.part}.empty`)}
                  unreadable={card.unreadable ? (card.items.length ? t("partlyUnreadable") : t("unreadable")) : null}
                />
              ),
            )}
          </div>
        </>
      ) : null}
    </div>
  );
}
