import { z } from "zod";
import { ORGANISATION_ID_TYPES, schoolReferenceSchema } from "../reading/schemas/common";
import type { SchoolConfig } from "../config";

/**
 * Names the school of a GET: the OnderwijsaanbiederId (orgMasterId) xor a secondary id (orgId +
 * orgIdType); filterByOrgId narrows a secondary id and is therefore only allowed with orgId.
 */
const schoolQueryShape = {
  orgMasterId: z.string().min(1).optional(),
  orgId: z.string().min(1).optional(),
  orgIdType: z.enum(ORGANISATION_ID_TYPES).optional(),
  filterByOrgId: z.boolean().optional(),
};

type SchoolQueryFields = { orgMasterId?: string; orgId?: string; orgIdType?: string; filterByOrgId?: boolean };

function checkSchoolQuery(q: SchoolQueryFields, ctx: z.RefinementCtx<unknown>): void {
  const secondary = q.orgId !== undefined || q.orgIdType !== undefined;
  if (q.orgMasterId !== undefined && secondary) {
    ctx.addIssue({ code: "custom", path: ["orgMasterId"], message: "use either orgMasterId or orgId + orgIdType, not both" });
  } else if (q.orgMasterId === undefined && !secondary) {
    ctx.addIssue({ code: "custom", path: ["orgMasterId"], message: "orgMasterId or orgId + orgIdType is required" });
  } else if (secondary && (q.orgId === undefined || q.orgIdType === undefined)) {
    ctx.addIssue({ code: "custom", path: [q.orgId === undefined ? "orgId" : "orgIdType"], message: "orgId and orgIdType go together" });
  }
  if (q.filterByOrgId !== undefined && q.orgId === undefined) {
    ctx.addIssue({ code: "custom", path: ["filterByOrgId"], message: "filterByOrgId is only allowed with orgId" });
  }
}

/** A GET query: the school parameters plus an operation's own filters, nothing else. */
export function schoolQueryWith<S extends z.ZodRawShape>(filters: S) {
  return z.strictObject({ ...schoolQueryShape, ...filters }).superRefine((q, ctx) => checkSchoolQuery(q as SchoolQueryFields, ctx));
}

export const schoolQuerySchema = schoolQueryWith({});

export type SchoolQuery = z.infer<typeof schoolQuerySchema>;

/** `since` of the Consent API: RFC 3339 date-time in Zulu, e.g. 2017-07-21T17:32:28Z. */
export const zuluDateTimeSchema = z.iso.datetime({ offset: false, local: false });

/**
 * The school as GET query parameters (GET /students/school, GET /enrollments/school): the
 * OnderwijsaanbiederId when known, without filterByOrgId (003:284-285); else, and for a school
 * configured as one part of its Onderwijsaanbieder (`narrowToOrganisationId`), its first secondary
 * id, narrowed to it (ERRATA 37, 38).
 */
export function schoolQueryFor(school: SchoolConfig): SchoolQuery {
  if (school.organisationMasterIdentifier && !school.narrowToOrganisationId) return { orgMasterId: school.organisationMasterIdentifier };
  const first = school.organisationIds?.[0];
  if (!first) throw new Error(`school ${school.id} has no identifier`);
  return { orgId: first.organisationId, orgIdType: first.organisationIdType, ...narrowedBySector(school.sector) };
}

/**
 * What narrows an answer to the secondary id asked, by the sector's default when the parameter is
 * omitted (003:280-282, 004:255-257): PO narrows already, so nothing is sent (a Source need not
 * support the parameter to give that answer, 003:287-288); VO would answer the whole
 * Onderwijsaanbieder, so true is sent; MBO has no stated default, so true is sent.
 */
function narrowedBySector(sector: SchoolConfig["sector"]): { filterByOrgId?: true } {
  return sector === "PO" ? {} : { filterByOrgId: true };
}

/** The school as a SchoolReference for POST bodies. */
export function schoolReferenceFor(school: SchoolConfig): z.infer<ReturnType<typeof schoolReferenceSchema>> {
  if (school.organisationMasterIdentifier) return { organisationMasterIdentifier: school.organisationMasterIdentifier };
  return { organisationIds: school.organisationIds };
}

/** The secondary identifier types seed 002 (Consent v0.9.1) lists for a SchoolReference: no V_ID. */
export const CONSENT_ORGANISATION_ID_TYPES = ["OIE_CODE", "BP_ID", "DD_ID", "AS_ID"] as const;

/**
 * The school in a consent request, as strict as seed 002 allows: the OnderwijsaanbiederId when
 * known; else only the secondary ids of a type 002 lists (002:45), so a Provider that validates
 * against its own schema does not refuse a V_ID; only a school known by V_ID alone is sent that
 * way (the version skew of ERRATA 23: there is nothing else to name it by).
 */
export function consentSchoolReference(school: SchoolConfig): z.infer<ReturnType<typeof schoolReferenceSchema>> {
  if (school.organisationMasterIdentifier) return { organisationMasterIdentifier: school.organisationMasterIdentifier };
  const listed = (school.organisationIds ?? []).filter((id) =>
    (CONSENT_ORGANISATION_ID_TYPES as readonly string[]).includes(id.organisationIdType),
  );
  return { organisationIds: listed.length ? listed : school.organisationIds };
}

/**
 * A last guard on query strings: persons are identified only in POST bodies, so a query value that
 * looks like an ECK iD, an e-mail address or an eduPerson id is refused before it leaves the server.
 */
export function assertNoPersonalDataInQuery(params: URLSearchParams): void {
  for (const [name, value] of params) {
    if (/ketenid\.nl/i.test(value) || value.includes("@")) {
      throw new Error(`query parameter ${name} looks like a person's identifier; send it in a POST body`);
    }
  }
}
