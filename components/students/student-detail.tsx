"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { ApiError, getJson, postJson } from "@/components/lists/api";
import { Notice } from "@/components/ui/notice";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { EnrolledNowCell, statusWord, type EnrolledNow } from "@/app/inschrijvingen/_components/status-words";

type Enrollment = { id: string; type: string; offering: string; studyYear?: number; schoolPeriod: string; location?: string; beginDate: string; endDate?: string; status: string; enrolledNow: EnrolledNow };
type Teacher = { name: string; maskedId: string; type: "class-teacher" | "teacher" | "coach"; subjectOffering?: string };
type Detail = {
  student: { key: string; name: string; givenName: string; preferredFirstName?: string; familyNamePrefix?: string; familyName: string; dateOfBirth?: string; email?: string; maskedId: string };
  enrollments: { rows: Enrollment[]; ageSeconds: number } | { error: { code: string; message: string } };
  teachers: { teachers: Teacher[]; knownEmployees: number; failed: number; message?: string } | null;
  ageSeconds: number;
};

export function StudentDetail({ studentKey }: { studentKey: string }) {
  const t = useTranslations("student");
  const tEnr = useTranslations("enrollments");
  const detail = useQuery({ queryKey: ["student", studentKey], queryFn: () => getJson<Detail>(`/api/students/detail?key=${studentKey}`), retry: false });
  // Revealing the full identifiers is a deliberate, logged act: a POST, shown only in this component's memory.
  const reveal = useMutation({ mutationFn: () => postJson<{ identifiers: Array<{ type: string; value: string }> }>("/api/students/reveal", { key: studentKey }) });

  if (detail.isPending) {
    return (
      <div role="status" aria-live="polite" className="space-y-2">
        <p>{t("loading")}</p>
        <div className="h-8 w-1/3 animate-pulse rounded bg-slate-200" />
        <div className="h-24 animate-pulse rounded bg-slate-200" />
      </div>
    );
  }
  if (detail.isError) {
    return (
      <ErrorNotice error={detail.error} title={t("error")} titleAs="h1" />
    );
  }
  const { student, enrollments, teachers } = detail.data;
  const typeLabel = (type: string) => (type === "study" ? tEnr("study") : type === "subject" ? tEnr("subject") : type);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{student.name}</h1>
      <section aria-labelledby="details-heading" className="space-y-2">
        <h2 id="details-heading" className="text-lg font-semibold">{t("details")}</h2>
        <dl className="grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
          <dt className="font-semibold">{t("givenName")}</dt><dd>{student.givenName}</dd>
          {student.preferredFirstName ? <><dt className="font-semibold">{t("preferredFirstName")}</dt><dd>{student.preferredFirstName}</dd></> : null}
          <dt className="font-semibold">{t("familyName")}</dt><dd>{[student.familyNamePrefix, student.familyName].filter(Boolean).join(" ")}</dd>
          <dt className="font-semibold">{t("dateOfBirth")}</dt><dd>{student.dateOfBirth ?? t("notDelivered")}</dd>
          <dt className="font-semibold">{t("email")}</dt><dd>{student.email ?? t("notDelivered")}</dd>
          <dt className="font-semibold">{t("identifiers")}</dt>
          <dd>
            {reveal.data ? (
              <ul className="font-mono text-xs">{reveal.data.identifiers.map((i) => <li key={`${i.type}:${i.value}`}><span className="font-sans font-semibold">{i.type}</span> {i.value}</li>)}</ul>
            ) : (
              <span className="inline-flex flex-wrap items-center gap-2">
                <span className="font-mono text-xs">{student.maskedId}</span>
                <button type="button" onClick={() => reveal.mutate()} disabled={reveal.isPending} className="rounded border border-slate-500 px-2 py-0.5">{t("reveal")}</button>
                <span className="text-slate-700">{t("revealLogged")}</span>
              </span>
            )}
            {reveal.isError ? <ErrorNotice error={reveal.error} /> : null}
          </dd>
        </dl>
        <p><Link href={`/licentiegebruik?studentKey=${student.key}`} className="text-blue-800 underline underline-offset-2">{t("usageLink")}</Link></p>
      </section>

      <section aria-labelledby="enrollments-heading" className="space-y-2">
        <h2 id="enrollments-heading" className="text-lg font-semibold">{t("enrollments")}</h2>
        {"error" in enrollments ? (
          // The detail answered; only its enrollments failed, with the BFF's code and words.
          <ErrorNotice error={new ApiError(200, enrollments.error)} title={t("enrollmentsError")} />
        ) : enrollments.rows.length === 0 ? <p>{t("noEnrollments")}</p> : (
          <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
            <caption className="sr-only">{t("enrollments")}</caption>
            <thead className="bg-slate-100"><tr>{[tEnr("colType"), tEnr("colOffering"), tEnr("colYear"), tEnr("colPeriod"), tEnr("colBegin"), tEnr("colEnd"), tEnr("colStatus"), tEnr("colEnrolledNow")].map((h) => <th key={h} scope="col" className="p-2">{h}</th>)}</tr></thead>
            <tbody>
              {enrollments.rows.map((r) => (
                <tr key={r.id} className={`border-t border-slate-200 ${r.status === "tobedeleted" ? "text-slate-600" : ""}`}>
                  <td className="p-2">{typeLabel(r.type)}</td>
                  <td className="p-2 font-mono text-xs">{r.offering}</td>
                  <td className="p-2">{r.studyYear ?? "—"}</td>
                  <td className="p-2">{r.schoolPeriod}</td>
                  <td className="p-2 tabular-nums">{r.beginDate}</td>
                  <td className="p-2 tabular-nums">{r.endDate ?? "—"}</td>
                  <td className="p-2">{statusWord(tEnr, r.status)}</td>
                  <td className="p-2"><EnrolledNowCell t={tEnr} state={r.enrolledNow} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {teachers ? (
        <section aria-labelledby="teachers-heading" className="space-y-2">
          <h2 id="teachers-heading" className="text-lg font-semibold">{t("teachers")}</h2>
          {teachers.message ? <Notice tone="warning" role="alert">{teachers.message}</Notice> : null}
          {teachers.knownEmployees === 0 ? <p>{t("noDirectory")} <Link href="/medewerkers" className="text-blue-800 underline underline-offset-2">{t("toEmployees")}</Link></p>
            : teachers.teachers.length === 0 ? <p>{t("noTeachers", { count: teachers.knownEmployees })}</p> : (
              <ul className="list-disc pl-6 text-sm">
                {teachers.teachers.map((x) => (
                  <li key={`${x.maskedId}-${x.type}-${x.subjectOffering ?? ""}`}>
                    <span className="font-semibold">{x.name}</span> – {t(`type.${x.type}`)}{x.subjectOffering ? <> (<span className="font-mono text-xs">{x.subjectOffering}</span>)</> : null}
                  </li>
                ))}
              </ul>
            )}
          {teachers.failed > 0 ? <p className="text-sm text-amber-900">{t("teachersPartial", { failed: teachers.failed })}</p> : null}
        </section>
      ) : null}
    </div>
  );
}
