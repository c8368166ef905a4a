import type { Operation, VarianceKind } from "./ledger";

type Json = Record<string, unknown>;

/**
 * One seed-allowed change to a record (already a private copy): it changes the record and returns the
 * field paths it touched, or returns undefined and leaves the record alone when it does not apply.
 * `sub` counts per kind, so the field or form within a kind rotates as well.
 */
export type Variation = { kind: VarianceKind; apply: (record: Json, sub: () => number) => string[] | undefined };

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const filled = (v: unknown) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);

function parentOf(record: Json, path: string): [Json, string] | undefined {
  const keys = path.split(".");
  let o: unknown = record;
  for (const k of keys.slice(0, -1)) o = isObject(o) ? o[k] : undefined;
  return isObject(o) ? [o, keys.at(-1)!] : undefined;
}

/**
 * Sets `path` to `value`. "present": only where the field is sent (a scoped field stays away without
 * its scope). "any": also where it is absent (a null or "" there means the same to a reader). `when`
 * guards the identifier rule: the reference keeps an identifier that is neither "" nor [].
 */
function set(kind: VarianceKind, path: string, value: unknown, need: "present" | "any", when?: (parent: Json) => boolean): Variation {
  return {
    kind,
    apply: (record) => {
      const at = parentOf(record, path);
      if (!at) return undefined;
      const [parent, key] = at;
      if ((need === "present" && !(key in parent)) || (when && !when(parent)) || JSON.stringify(parent[key]) === JSON.stringify(value))
        return undefined;
      parent[key] = value;
      return [path];
    },
  };
}

const nullOf = (path: string, need: "present" | "any" = "present") => set("null", path, null, need);
const emptyOf = (path: string, need: "present" | "any" = "present", when?: (p: Json) => boolean) => set("empty", path, "", need, when);
const hasMaster = (key: "userMasterIdentifier" | "organisationMasterIdentifier") => (p: Json) => filled(p[key]);
const hasIds = (key: "userIds" | "organisationIds") => (p: Json) => filled(p[key]);
const VENDOR = { note: "kenmerk uit het eigen systeem van de leverancier" };
const extra = (objectPath?: string) => set("extraField", objectPath ? `${objectPath}.x-vendor` : "x-vendor", VENDOR, "any");
const unknownEnum = (path: string, value: string) => set("unknownEnum", path, value, "present");

/** Keeps only the fields the seed tables mark required (Verplicht "Ja"); `pick` chooses them. */
function minimal(pick: (record: Json) => string[]): Variation {
  return {
    kind: "minimal",
    apply: (record) => {
      const keep = new Set(pick(record));
      const drop = Object.keys(record).filter((k) => !keep.has(k));
      if (!drop.length) return undefined;
      for (const k of drop) delete record[k];
      return ["(record)"];
    },
  };
}

const REQUIRED_PERIOD_OBJECT = ["schoolPeriod", "beginDate", "status", "dateCreated", "dateLastModified"];

/** RFC 3339 allows lower-case t and z and (section 5.6, NOTE) a space; the fraction is free. The instant stays within a second. */
export function recase(iso: string, form: number): string {
  const at = Date.parse(iso);
  const plain = (ms: number) => new Date(ms).toISOString().slice(0, 19);
  if (form % 3 === 0) return `${plain(at).replace("T", "t")}.123456z`;
  if (form % 3 === 1) return `${plain(at + 2 * 3_600_000)}.5+02:00`;
  return `${plain(at).replace("T", " ")}Z`;
}

const dateTime: Variation = {
  kind: "dateTime",
  apply: (record, sub) => {
    const n = sub();
    const field = ["dateCreated", "dateLastModified"][n % 2]!;
    if (typeof record[field] !== "string") return undefined;
    record[field] = recase(record[field], Math.floor(n / 2));
    return [field];
  },
};

/** A change to one entitlement item, the item chosen in turn; `change` returns false where it does not apply. */
function item(kind: VarianceKind, path: string, change: (e: Json) => boolean): Variation {
  return {
    kind,
    apply: (record, sub) => {
      const list = record.entitlements;
      if (!Array.isArray(list) || !list.length) return undefined;
      const start = sub();
      for (let k = 0; k < list.length; k++) {
        const i = (start + k) % list.length;
        const e = isObject(list[i]) ? { ...(list[i] as Json) } : undefined;
        if (e && change(e)) {
          list[i] = e;
          return [path];
        }
      }
      return undefined;
    },
  };
}

const TOTALS = ["totalEntitled", "totalLicensed", "totalCancelled", "totalBlocked", "totalExpired"];

const totalsNull: Variation = {
  kind: "null",
  apply: (record) => {
    const present = TOTALS.filter((t) => typeof record[t] === "number");
    if (!present.length) return undefined;
    for (const t of present) record[t] = null;
    return present;
  },
};

/** The variations per operation, in the order they rotate. Each keeps every seed rule (variance.test.ts checks it). */
export const VARIATIONS: Partial<Record<Operation, Variation[]>> = {
  students: [
    nullOf("preferredFirstName", "any"),
    emptyOf("familyNamePrefix", "any"),
    set("emptyArray", "userIds", [], "present", hasMaster("userMasterIdentifier")),
    set("emptyRequired", "givenName", "", "present"),
    extra(),
    minimal((r) => [r.userMasterIdentifier ? "userMasterIdentifier" : "userIds", "givenName", "familyName"]),
    unknownEnum("gender", "x-not-listed"),
    nullOf("familyNamePrefix", "any"),
    emptyOf("preferredFirstName", "any"),
    set("emptyArray", "accessibility", [], "any"),
    set("emptyRequired", "familyName", "", "present"),
    extra("address"),
    nullOf("dateOfBirth"),
    nullOf("gender"),
    nullOf("email"),
    emptyOf("email"),
    emptyOf("language"),
    nullOf("address"),
  ],
  enrollments: [
    nullOf("endDate"),
    emptyOf("studyPublicId"),
    set("emptyArray", "location.locationIds", [], "present"),
    set("emptyRequired", "location.name", "", "present"),
    extra(),
    minimal(() => ["enrollmentId", "student", "enrollmentType", ...REQUIRED_PERIOD_OBJECT]),
    dateTime,
    unknownEnum("status", "archived"),
    nullOf("location"),
    emptyOf("location.locationMasterIdentifier", "any"),
    set("emptyArray", "student.userIds", [], "any", hasMaster("userMasterIdentifier")),
    extra("location"),
    nullOf("studyYear"),
    nullOf("studyPublicId"),
    extra("student"),
    nullOf("location.locationMasterIdentifier", "any"),
  ],
  assignments: [
    nullOf("endDate"),
    emptyOf("employee.userMasterIdentifier", "any", (p) => hasIds("userIds")(p) && !("userMasterIdentifier" in p)),
    set("emptyArray", "student.userIds", [], "any", hasMaster("userMasterIdentifier")),
    extra(),
    minimal(() => ["assignmentId", "employee", "assignmentType", ...REQUIRED_PERIOD_OBJECT]),
    dateTime,
    unknownEnum("status", "archived"),
    nullOf("student"),
    nullOf("group"),
    emptyOf("group"),
    extra("employee"),
    nullOf("subject"),
    emptyOf("subject"),
    extra("student"),
  ],
  usage: [
    totalsNull,
    emptyOf("user.userMasterIdentifier", "any", (p) => hasIds("userIds")(p) && !filled(p.userMasterIdentifier)),
    set("emptyArray", "user.userIds", [], "any", hasMaster("userMasterIdentifier")),
    extra(),
    minimal(() => ["school", "user", "entitlements"]),
    item("unknownEnum", "entitlements[].entitlementStatus", (e) => "entitlementStatus" in e && ((e.entitlementStatus = "suspended"), true)),
    item("entitlementShape", "entitlements[]", (e) => {
      const other = { ean: e.productId, status: "active", title: e.productTitle ?? "Onbekende titel" };
      for (const k of Object.keys(e)) delete e[k];
      return Boolean(Object.assign(e, other));
    }),
    emptyOf("school.organisationMasterIdentifier", "present", hasIds("organisationIds")),
    set("emptyArray", "school.organisationIds", [], "present", hasMaster("organisationMasterIdentifier")),
    extra("school"),
    item("entitlementShape", "entitlements[]", (e) => Boolean(Object.assign(e, { licenceKey: "LK-2526-0001", seats: 1 }))),
    item("null", "entitlements[].productTitle", (e) => "productTitle" in e && ((e.productTitle = null), true)),
    extra("user"),
    item("entitlementShape", "entitlements[]", (e) => {
      const productId = e.productId;
      for (const k of Object.keys(e)) delete e[k];
      return Boolean(Object.assign(e, { productId }));
    }),
  ],
};
