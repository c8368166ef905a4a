import { createSandbox } from "../sandbox/app";
import { parseList } from "../lib/eduv/lenient";
import { enrollmentSchema } from "../lib/eduv/schemas/enrollment";
import { vary } from "../sandbox/variance";
const sb = createSandbox({});
sb.state.knobs.set("las-a", { varianceRate: 0.3 });
const recs = sb.state.school("900A101").data.enrollments;
for (let k = 0; k < 10; k++) {
const { body } = vary(sb.state, "las-a", "enrollments", recs as any, new Set());
const bad: unknown[] = [];
const r = parseList(enrollmentSchema("lenient"), JSON.parse(JSON.stringify(body)), { onInvalid: (i) => bad.push(i) });
if (bad.length) { console.log(k, r.report.invalid); for (const b of bad.slice(0, 3)) console.log(JSON.stringify(b)); break; }
}
