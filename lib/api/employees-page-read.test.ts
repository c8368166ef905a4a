import { beforeAll, describe, expect, it, vi } from "vitest";
import { signedInAs, staffOf, accessRows } from "@/lib/api/testing/staff";
import { GET as knownEmployees } from "@/app/api/employees/route";
import { getStore } from "@/lib/db/client";
import { saveKnownEmployee } from "@/lib/db/employees";
import { readKnownEmployees } from "@/lib/features/employees/known-employees";
import { readForPage } from "./page-read";

vi.hoisted(() => {
  process.env.PGLITE_DIR = "memory://";
  process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";
});

/** A store that cannot read the school's list, when a test says so. */
const store = vi.hoisted(() => ({ failing: false }));
vi.mock("@/lib/db/employees", async (original) => {
  const real = await original<typeof import("@/lib/db/employees")>();
  return {
    ...real,
    listKnownEmployees: async (...args: Parameters<typeof real.listKnownEmployees>) => {
      if (store.failing) throw new Error("the store is not answering");
      return real.listKnownEmployees(...args);
    },
  };
});

/**
 * The Medewerkers page reads the school's employee list on the server (app/medewerkers) through
 * readForPage and the same feature read as GET /api/employees: the same answer, the same
 * access-log row, and a failure as the route's error answer. Over the store alone: the list is the
 * dashboard's own, no Source is asked.
 */
const OWN = "meridiaan-college";
const OTHER = "obs-de-regenboog";
const BASE = "http://localhost:3000";

beforeAll(async () => {
  const { db } = await getStore();
  await signedInAs("adm", "adm@meridiaan.example", [`schooladmin:${OWN}`]);
  const saved = [
    { schoolId: OWN, userIdType: "NEPRI", userId: "E1001", name: "Wim Bakker" },
    { schoolId: OWN, userIdType: "ASI", userId: "ASI-2002", name: "Anna de Vries" },
    { schoolId: OTHER, userIdType: "NEPRI", userId: "E3003@regenboog.example", name: "Karin Smit" },
  ] as const;
  for (const e of saved) await saveKnownEmployee(db, { ...e, addedBy: "adm@meridiaan.example" });
});

const staff = () => staffOf("adm");
const logRows = accessRows;
const fromRoute = () => knownEmployees(new Request(`${BASE}/api/employees`, { headers: { cookie: "ldb.session=tok-adm" } }));
const pageRead = async (lang: "nl" | "en" = "nl") =>
  readForPage({ staff: await staff(), schoolId: OWN, lang }, () => readKnownEmployees(OWN));
const shape = (r: Awaited<ReturnType<typeof logRows>>[number]) => [
  r.actor,
  r.actorRoles,
  r.schoolId,
  r.outcome,
  r.dataKind,
  r.action,
  r.personCount,
  r.personHash,
];

describe("the Medewerkers page's staff list, read on the server", () => {
  it("is GET /api/employees' answer (the school's own list, by name, masked) and writes the route's access-log row", async () => {
    const before = (await logRows()).length;
    const res = await fromRoute();
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { employees: Array<{ name: string; maskedId: string }> };
    const read = await pageRead();
    expect(read).toEqual({ ok: true, value: answer });
    expect(answer.employees.map((e) => [e.name, e.maskedId])).toEqual([
      ["Anna de Vries", "ASI ••••2002"],
      ["Wim Bakker", "NEPRI ••••1001"],
    ]);
    const rows = (await logRows()).slice(before);
    expect(rows.map(shape)).toEqual([shape(rows[0]!), shape(rows[0]!)]);
    expect(shape(rows[0]!)).toEqual(["adm@meridiaan.example", "schooladmin", OWN, "served", "assignments", "list", 2, null]);
  });

  it("a list the store cannot read is the route's error answer (code and words), and nothing is logged as served", async () => {
    store.failing = true;
    try {
      const before = (await logRows()).length;
      const res = await fromRoute();
      const read = await pageRead();
      expect(read).toEqual({ ok: false, status: res.status, body: await res.json() });
      expect(read).toMatchObject({ ok: false, status: 500, body: { error: { code: "internal" } } });
      expect((await logRows()).slice(before)).toEqual([]);
    } finally {
      store.failing = false;
    }
  });
});
