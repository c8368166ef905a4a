import { staffRoute } from "@/lib/api/route";
import { dataQualityScanCancel } from "@/lib/contracts/data-quality";
import { cancelScan } from "@/lib/features/data-quality/scan-jobs";

export const dynamic = "force-dynamic";

// POST /api/data-quality/scan/cancel – stops the school's running licence scan (whoever started it); calls still waiting are dropped.
export const POST = staffRoute(
  { action: "dataquality.read", body: dataQualityScanCancel.body, response: dataQualityScanCancel.response },
  async ({ schoolId }) => ({ json: { cancelled: cancelScan(schoolId) } }),
);
