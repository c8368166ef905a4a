import { accessLogList, studentsAvg } from "./access-log";
import { consentCheck, consentCreate, consentHistory, consentList, consentSend, consentWithdraw } from "./consent";
import { coverageExport, coverageRun } from "./coverage";
import { dataQualityExport, dataQualityList, dataQualityScan, dataQualityScanCancel, dataQualityScanStart } from "./data-quality";
import type { Contract } from "./define";
import { dataQualityMassChange, dataQualityMassChangeAccept } from "./mass-change";
import { employeesAssignments, employeesAssignmentsExport, employeesList, employeesRemove, employeesSave } from "./employees";
import { enrollmentsExport, enrollmentsList, enrollmentsOptions } from "./enrollments";
import { search } from "./search";
import { sourcesContractReport, sourcesList } from "./sources";
import { studentsDetail, studentsExport, studentsList, studentsReveal } from "./students";
import { usageDiagnose, usageLookup, usageOptions, usagePeople } from "./usage";

/**
 * Every BFF endpoint's contract, one per route of lib/api/route-table.ts (same method and path:
 * lib/contracts/coverage-of-routes.test.ts holds them to it).
 */
export const ALL_CONTRACTS: readonly Contract[] = [
  sourcesList,
  sourcesContractReport,
  accessLogList,
  studentsList,
  studentsExport,
  studentsDetail,
  studentsReveal,
  studentsAvg,
  enrollmentsList,
  enrollmentsOptions,
  enrollmentsExport,
  employeesList,
  employeesSave,
  employeesRemove,
  employeesAssignments,
  employeesAssignmentsExport,
  usageLookup,
  usagePeople,
  usageOptions,
  usageDiagnose,
  coverageRun,
  coverageExport,
  consentList,
  consentCreate,
  consentSend,
  consentHistory,
  consentWithdraw,
  consentCheck,
  search,
  dataQualityList,
  dataQualityExport,
  dataQualityScan,
  dataQualityScanStart,
  dataQualityScanCancel,
  dataQualityMassChange,
  dataQualityMassChangeAccept,
];
