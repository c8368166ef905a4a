import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEnrollmentFieldColumns } from "@/components/enrollments/enrollment-columns";
import { ApiError } from "@/components/lists/api-error";
import { link } from "@/components/ui/classes";
import { Day } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { SimpleTable } from "@/components/ui/simple-table";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import type { StudentDetail as Detail, Teachers } from "./queries";
import { RevealIdentifiers } from "./reveal-identifiers";

/** What the LAS holds about the pupil (what it did not deliver said so), and the way to their licence usage. */
function StudentFacts({ student }: { student: Detail["student"] }) {
  const t = useTranslations("student");
  return (
    <section aria-labelledby="details-heading" className="space-y-2">
      <h2 id="details-heading" className="text-lg font-semibold">
        {t("details")}
      </h2>
      <dl className="grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-semibold">{t("givenName")}</dt>
        <dd>{student.givenName}</dd>
        {student.preferredFirstName ? (
          <>
            <dt className="font-semibold">{t("preferredFirstName")}</dt>
            <dd>{student.preferredFirstName}</dd>
          </>
        ) : null}
        <dt className="font-semibold">{t("familyName")}</dt>
        <dd>{[student.familyNamePrefix, student.familyName].filter(Boolean).join(" ")}</dd>
        <dt className="font-semibold">{t("dateOfBirth")}</dt>
        <dd>{student.dateOfBirth ? <Day value={student.dateOfBirth} /> : t("notDelivered")}</dd>
        <dt className="font-semibold">{t("email")}</dt>
        <dd>{student.email ?? t("notDelivered")}</dd>
        <dt className="font-semibold">{t("identifiers")}</dt>
        <RevealIdentifiers studentKey={student.key} maskedId={student.maskedId} />
      </dl>
      <p>
        <Link href={`/licentiegebruik?studentKey=${student.key}`} className={link}>
          {t("usageLink")}
        </Link>
      </p>
    </section>
  );
}

/** The pupil's enrollments, or why the LAS could not give them (the rest of the page still shows). */
function StudentEnrollments({ enrollments }: { enrollments: Detail["enrollments"] }) {
  const t = useTranslations("student");
  const tEnr = useTranslations("enrollments");
  const columns = useEnrollmentFieldColumns(tEnr("colEnrolledNow"));
  return (
    <section aria-labelledby="enrollments-heading" className="space-y-2">
      <h2 id="enrollments-heading" className="text-lg font-semibold">
        {t("enrollments")}
      </h2>
      {"error" in enrollments ? (
        // The detail answered; only its enrollments failed, with the BFF's code and words.
        <ErrorNotice error={new ApiError(200, enrollments.error)} title={t("enrollmentsError")} />
      ) : (
        // The kit's table without sorting or virtual rows: a pupil has a few enrollments, and this page stays light.
        <SimpleTable
          columns={columns}
          rows={enrollments.rows}
          rowKey={(r) => r.id}
          caption={t("enrollments")}
          empty={<p>{t("noEnrollments")}</p>}
          rowAttributes={(r) => ({ "data-status": r.status })}
          rowClassName="data-[status=tobedeleted]:text-slate-600"
        />
      )}
    </section>
  );
}

/** The teachers of the pupil's lessons and their coach, found through the school's employee list; what is missing said so. */
function StudentTeachers({ teachers }: { teachers: Teachers }) {
  const t = useTranslations("student");
  return (
    <section aria-labelledby="teachers-heading" className="space-y-2">
      <h2 id="teachers-heading" className="text-lg font-semibold">
        {t("teachers")}
      </h2>
      {teachers.message ? (
        <Notice tone="warning" role="alert">
          {teachers.message}
        </Notice>
      ) : null}
      {teachers.knownEmployees === 0 ? (
        <p>
          {t("noDirectory")}{" "}
          <Link href="/medewerkers" className={link}>
            {t("toEmployees")}
          </Link>
        </p>
      ) : teachers.teachers.length === 0 ? (
        <p>{t("noTeachers", { count: teachers.knownEmployees })}</p>
      ) : (
        <ul className="list-disc pl-6 text-sm">
          {teachers.teachers.map((x) => (
            <li key={`${x.maskedId}-${x.type}-${x.subjectOffering ?? ""}`}>
              <span className="font-semibold">{x.name}</span> – {t(`type.${x.type}`)}
              {x.subjectOffering ? (
                <>
                  {" "}
                  (<span className="font-mono text-xs">{x.subjectOffering}</span>)
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {teachers.failed > 0 ? <p className="text-sm text-amber-900">{t("teachersPartial", { failed: teachers.failed })}</p> : null}
    </section>
  );
}

/**
 * One pupil (rendered on the server; revealing the identifiers is its one client piece): what the
 * LAS holds, their enrollments, and their teachers (for those who may see them).
 */
export function StudentDetail({ detail }: { detail: Detail }) {
  const { student, enrollments, teachers } = detail;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{student.name}</h1>
      <StudentFacts student={student} />
      <StudentEnrollments enrollments={enrollments} />
      {teachers ? <StudentTeachers teachers={teachers} /> : null}
    </div>
  );
}
