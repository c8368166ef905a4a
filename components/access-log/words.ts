import { useTranslations } from "next-intl";
import type { AccessLogEntry } from "@/lib/contracts/access-log";

/** A kind of data, an action and an outcome in words; a value without words is shown as stored. */
export function useAccessLogWords() {
  const t = useTranslations("accessLog");
  const say = (group: "kinds" | "actions" | "outcomes", value: string) =>
    t.has(`${group}.${value}`) ? t(`${group}.${value}` as "kinds.students") : value;
  return {
    kind: (kind: AccessLogEntry["dataKind"]) => say("kinds", kind),
    action: (action: AccessLogEntry["action"]) => say("actions", action),
    outcome: (outcome: AccessLogEntry["outcome"]) => say("outcomes", outcome),
  };
}
