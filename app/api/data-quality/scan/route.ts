import { staffRoute } from "@/lib/api/route";
import { dataQualityScan, dataQualityScanStart } from "@/lib/contracts/data-quality";
import { prepareLicenceScan, readScan, scanView } from "@/lib/features/data-quality/run-scan";
import { scanOf, startScan } from "@/lib/features/data-quality/scan-jobs";

export const dynamic = "force-dynamic";

// GET /api/data-quality/scan – the school's licence scan: its progress, or its findings (pupils by key and masked identifier only).
// A read of the findings is logged as a read of the pupil list, as the LAS checks' answer is. The page
// (app/datakwaliteit) shows its first answer from the same read; this route answers the page's polls.
export const GET = staffRoute(
  { action: "dataquality.read", audit: { dataKind: "students", action: "list" }, response: dataQualityScan.response },
  async ({ schoolId }) => {
    const { value, access } = await readScan(schoolId);
    return { json: { scan: value }, ...(access ? { access } : {}) };
  },
);

// POST /api/data-quality/scan – starts the school's licence scan in the background: every pupil of the LAS asked at every
// Licentieregistratie, within each Source's limits. One per school. Logged as a read of every pupil's usage, before it starts.
export const POST = staffRoute(
  {
    action: "dataquality.read",
    audit: { dataKind: "usage", action: "list" },
    body: dataQualityScanStart.body,
    response: dataQualityScanStart.response,
    limits: ["coverage"],
  },
  async ({ staff, schoolId }) => {
    const running = scanOf(schoolId);
    if (running?.state === "running") return { json: { scan: scanView(running), started: false } };
    const { pupils, work } = await prepareLicenceScan(schoolId);
    const asked = pupils.filter((p) => p.user && !p.statusUnknown).length;
    const { job, started } = startScan(schoolId, { startedBy: staff.email ?? staff.id, total: pupils.length }, work);
    return {
      json: { scan: scanView(job), started },
      ...(started ? { access: { dataKind: "usage" as const, action: "list" as const, personCount: asked } } : {}),
    };
  },
);
