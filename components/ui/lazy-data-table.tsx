"use client";

import type { ComponentType } from "react";
import { clientLazy } from "./client-lazy";
import type { DataTable as Table } from "./data-table";
import { Skeleton } from "./skeleton";

/**
 * The kit's DataTable as pages use it: its code (TanStack Table and Virtual, about 22 kB gzip) is
 * not part of the page's first load but fetched while the page asks for its data, which the table
 * needs before it can show a row anyway. Until it is there, the skeleton of a list that loads.
 * Not rendered on the server: the rows come from the browser's queries, never with the HTML.
 */
export const DataTable = clientLazy(
  () => import("./data-table").then((m) => m.DataTable as unknown as ComponentType<object>),
  <Skeleton rows={5} />,
) as unknown as typeof Table;
