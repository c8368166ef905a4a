import { describe, expect, it } from "vitest";
import { IdentifierIndex, displayName, maskIdentifier, pageStudents, toRow, type StudentRow } from "./students";

const ECK = `https://ketenid.nl/201703/${"ab".repeat(63)}9f3c`;

describe("student rows for the browser", () => {
  it("uses the roepnaam and the tussenvoegsel", () => {
    expect(displayName({ givenName: "Abraham", preferredFirstName: "Bram", familyNamePrefix: "de", familyName: "Vries" })).toBe(
      "Bram de Vries",
    );
    expect(displayName({ givenName: "Emma", familyName: "Jansen" })).toBe("Emma Jansen");
  });

  it("masks identifiers to their kind and last four characters", () => {
    expect(maskIdentifier({ userMasterIdentifier: ECK })).toBe("ECK iD ••••9f3c");
    expect(maskIdentifier({ userIds: [{ userId: "100731@1.school.nl", userIdType: "NEPPI" }] })).toBe("NEPPI ••••l.nl");
  });

  it("never carries the identifier itself, only an opaque key", () => {
    const row = toRow({ userMasterIdentifier: ECK, givenName: "Sem", familyName: "Bakker" });
    expect(JSON.stringify(row)).not.toContain("ketenid");
    expect(row.key).toMatch(/^[0-9a-f]{32}$/);
    expect(toRow({ userMasterIdentifier: ECK, givenName: "X", familyName: "Y" }).key).toBe(row.key);
    // The key is computed when read, and then travels like any field.
    expect(JSON.parse(JSON.stringify(row)).key).toBe(row.key);
    expect({ ...row }.key).toBe(row.key);
  });

  it("finds a student's identifiers by key", () => {
    const records = [
      { userMasterIdentifier: ECK, givenName: "Sem", familyName: "Bakker" },
      { userIds: [{ userId: "100731@1.school.nl", userIdType: "NEPPI" as const }], givenName: "Noa", familyName: "Visser" },
    ];
    const rows = records.map(toRow);
    const index = new IdentifierIndex(rows, records);
    expect(index.get(rows[1]!.key)).toEqual({ userIds: records[1]!.userIds, givenName: "Noa", familyName: "Visser" });
    expect(index.get(rows[0]!.key)?.userMasterIdentifier).toBe(ECK);
    expect(index.get("0".repeat(32))).toBeUndefined();
  });
});

describe("search, sort and page on the server", () => {
  const rows: StudentRow[] = ["Jansen", "de Boer", "Yilmaz", "Bakker", "van Dijk"].map((full, i) => {
    const parts = full.split(" ");
    const familyName = parts.pop()!;
    return {
      key: `k${i}`,
      name: `Kind${i} ${full}`,
      givenName: `Kind${i}`,
      familyName,
      familyNamePrefix: parts.join(" ") || undefined,
      maskedId: "",
      dateOfBirth: `201${i}-01-01`,
    };
  });

  it("sorts by family name, ignoring the tussenvoegsel, Dutch style", () => {
    expect(pageStudents(rows, { sort: "familyName", dir: "asc", page: 1, pageSize: 10 }).rows.map((r) => r.familyName)).toEqual([
      "Bakker",
      "Boer",
      "Dijk",
      "Jansen",
      "Yilmaz",
    ]);
  });

  it("orders accents, case, hyphens and letters outside ASCII as Dutch readers expect", () => {
    const names = [
      "Özdemir",
      "Oosterhuis",
      "Ødegaard",
      "van der Berg",
      "Éénhoorn",
      "Eekhof",
      "el Amrani",
      "Ter-Horst",
      "ter Haar",
      "Zwart",
      "Çelik",
      "Ceylan",
    ];
    const tricky: StudentRow[] = names.map((n, i) => ({ key: `t${i}`, name: n, givenName: "A", familyName: n, maskedId: "" }));
    const asc = pageStudents(tricky, { sort: "name", dir: "asc", page: 1, pageSize: 20 }).rows.map((r) => r.name);
    expect(asc).toEqual([
      "Çelik",
      "Ceylan",
      "Eekhof",
      "Éénhoorn",
      "el Amrani",
      "Ødegaard",
      "Oosterhuis",
      "Özdemir",
      "ter Haar",
      "Ter-Horst",
      "van der Berg",
      "Zwart",
    ]);
    expect(pageStudents(tricky, { sort: "name", dir: "desc", page: 1, pageSize: 20 }).rows.map((r) => r.name)).toEqual([...asc].reverse());
  });

  it("finds by part of a name, case-insensitively", () => {
    expect(pageStudents(rows, { q: "DIJK", sort: "name", dir: "asc", page: 1, pageSize: 10 })).toMatchObject({
      total: 1,
      rows: [{ familyName: "Dijk" }],
    });
  });

  it("pages and sorts descending by date of birth", () => {
    const page2 = pageStudents(rows, { sort: "dateOfBirth", dir: "desc", page: 2, pageSize: 2 });
    expect(page2.total).toBe(5);
    expect(page2.rows.map((r) => r.dateOfBirth)).toEqual(["2012-01-01", "2011-01-01"]);
  });
});
