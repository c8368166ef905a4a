import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { clientValueImports } from "./client-boundary.mjs";

describe('the server/client boundary: no server code takes a value from a "use client" module', () => {
  it("holds for the repository", () => {
    expect(clientValueImports()).toEqual([]);
  });

  it("finds a planted one (a function and a constant of a client module in a server component), not a component or a type", () => {
    const root = mkdtempSync(path.join(tmpdir(), "boundary-"));
    mkdirSync(path.join(root, "components/list"), { recursive: true });
    mkdirSync(path.join(root, "app/list"), { recursive: true });
    writeFileSync(
      path.join(root, "components/list/queries.ts"),
      '"use client";\nexport const PAGE_SIZE = 50;\nexport function listUrl() { return "/api/list"; }\nexport function Table() { return null; }\n',
    );
    writeFileSync(
      path.join(root, "app/list/page.tsx"),
      'import { PAGE_SIZE, listUrl, Table, type Row } from "@/components/list/queries";\nimport type { Other } from "@/components/list/queries";\n',
    );
    writeFileSync(path.join(root, "components/list/island.tsx"), '"use client";\nimport { listUrl } from "./queries";\n');
    expect(clientValueImports(root)).toEqual(["app/list/page.tsx: PAGE_SIZE, listUrl from @/components/list/queries"]);
  });
});
