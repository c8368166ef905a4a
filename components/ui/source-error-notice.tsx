import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { isApiError } from "@/components/lists/api-error";
import { link } from "./classes";
import { useFormats } from "./format";
import { Notice } from "./notice";

type Step = "consent" | "supplier" | "configuration" | "later" | "retryAt" | "signIn" | "repair";

/** Per error code: the heading (notices.heading.*) and what to do next (notices.step.*). Other codes: the generic heading. */
const BY_CODE: Record<string, readonly [heading: string, step?: Step]> = {
  consent_missing: ["consent", "consent"], // Edu-V 0022
  scope_missing: ["scope", "supplier"], // 0021
  school_unknown: ["school", "configuration"], // 0023
  token_invalid: ["token", "supplier"],
  token_refused: ["token", "supplier"],
  timeout: ["unavailable", "later"],
  unreachable: ["unavailable", "later"],
  server_error: ["unavailable", "later"],
  token_unavailable: ["unavailable", "later"],
  internal: ["generic", "later"],
  network: ["network", "later"],
  busy: ["busy", "retryAt"],
  rate_limited: ["rateLimited", "retryAt"],
  unauthenticated: ["signedOut", "signIn"],
  forbidden: ["forbidden"],
  invalid_answer: ["unusable", "repair"],
  too_large: ["unusable", "repair"],
  unreadable_record: ["unusable", "repair"],
};

type Props = { error: unknown; title?: ReactNode; titleAs?: "p" | "h1" | "h2" | "h3"; size?: "md" | "sm" };

/**
 * Whatever was thrown, as an error notice: a heading (`title`, or one chosen by the error's code),
 * the server's message exactly as it came (it names the specifics in the user's language), and the
 * next step the code calls for. A value that is not an ApiError shows its own message.
 */
export function ErrorNotice({ error, title, titleAs, size }: Props) {
  const t = useTranslations("notices");
  const f = useFormats();
  if (!isApiError(error)) {
    return (
      <Notice tone="error" size={size} title={title ?? t("heading.generic")} titleAs={titleAs}>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </Notice>
    );
  }
  const [heading, step] = Object.hasOwn(BY_CODE, error.code) ? BY_CODE[error.code]! : ["generic"];
  const http = /^http_(\d+)$/.exec(error.code);
  // Without an answer from the BFF there is no server message to show: say what happened instead.
  const message = error.code === "network" ? t("message.network") : http ? t("message.http", { status: http[1]! }) : error.message;
  const retryAt = error.retryAt ? Date.parse(error.retryAt) : NaN;
  const time = Number.isNaN(retryAt) ? undefined : f.time(retryAt, { seconds: true });
  const next = (): ReactNode => {
    switch (step) {
      case undefined:
        return null;
      case "consent":
        return (
          <Link
            href={error.sourceId ? `/toestemming?requestProvider=${encodeURIComponent(error.sourceId)}` : "/toestemming"}
            className={link}
          >
            {t("step.consent")}
          </Link>
        );
      case "signIn":
        return (
          <Link href="/inloggen" className={link}>
            {t("step.signIn")}
          </Link>
        );
      case "retryAt":
        return <p>{time ? t("step.retryAt", { time }) : t("step.later")}</p>;
      case "repair":
        return <p>{error.fields?.length ? t("step.repairFields", { fields: error.fields.join(", ") }) : t("step.repair")}</p>;
      default:
        return <p>{t(`step.${step}`)}</p>;
    }
  };
  return (
    <Notice tone="error" size={size} title={title ?? t(`heading.${heading}`)} titleAs={titleAs} action={next()}>
      <p>{message}</p>
    </Notice>
  );
}
