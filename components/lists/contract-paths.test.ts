import { describe, expect, it } from "vitest";
import { enrollmentEndpoints } from "@/components/enrollments/queries";
import { searchEndpoints } from "@/components/shell/header-search";
import { studentEndpoints } from "@/components/students/queries";
import { usageEndpoints } from "@/components/usage/queries";
import { coverageExport, coverageRun } from "@/lib/contracts/coverage";
import type { Contract } from "@/lib/contracts/define";
import { search } from "@/lib/contracts/search";
import { enrollmentsExport, enrollmentsList, enrollmentsOptions } from "@/lib/contracts/enrollments";
import { studentsDetail, studentsExport, studentsList, studentsReveal } from "@/lib/contracts/students";
import { usageDiagnose, usageLookup, usageOptions, usagePeople } from "@/lib/contracts/usage";

// The browser's fetchers name each endpoint's method and path without importing its contract (which would
// bring zod into the bundle): here they are held to the contracts, endpoint by endpoint.
const pairs: Array<[string, { method: string; path: string }, Contract]> = [
  ["usage.lookup", usageEndpoints.lookup, usageLookup],
  ["usage.people", usageEndpoints.people, usagePeople],
  ["usage.options", usageEndpoints.options, usageOptions],
  ["usage.diagnose", usageEndpoints.diagnose, usageDiagnose],
  ["usage.coverage", usageEndpoints.coverage, coverageRun],
  ["usage.coverageExport", usageEndpoints.coverageExport, coverageExport],
  ["students.list", studentEndpoints.list, studentsList],
  ["students.export", studentEndpoints.export, studentsExport],
  ["students.detail", studentEndpoints.detail, studentsDetail],
  ["students.reveal", studentEndpoints.reveal, studentsReveal],
  ["enrollments.list", enrollmentEndpoints.list, enrollmentsList],
  ["enrollments.options", enrollmentEndpoints.options, enrollmentsOptions],
  ["enrollments.export", enrollmentEndpoints.export, enrollmentsExport],
  ["search.search", searchEndpoints.search, search],
];

describe("the fetchers' endpoints", () => {
  it.each(pairs)("%s has its contract's method and path", (_, endpoint, contract) => {
    expect(endpoint).toEqual({ method: contract.method, path: contract.path });
  });

  it("every endpoint of the three features is named once", () => {
    const named = [usageEndpoints, studentEndpoints, enrollmentEndpoints, searchEndpoints].flatMap((e) => Object.values(e));
    expect(pairs.map(([, e]) => e)).toEqual(expect.arrayContaining(named));
    expect(pairs).toHaveLength(named.length);
  });
});
