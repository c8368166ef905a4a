import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Client } from "pg";

/**
 * The production set-up of docs/postgres-roles.sql on the test PostgreSQL server (TEST_DATABASE_URL,
 * a superuser): the file itself, run with role and database names of this test's own (roles are
 * server-wide, and test files run side by side). Returns the owner's and the application's URLs.
 */
export async function twoRoleDatabase(): Promise<{
  ownerUrl: string;
  appUrl: string;
  owner: string;
  app: string;
  drop: () => Promise<void>;
}> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error("TEST_DATABASE_URL is not set");
  const tag = randomBytes(5).toString("hex");
  const names = { owner: `ldb_owner_${tag}`, app: `ldb_app_${tag}`, database: `ldb_roles_${tag}` };
  const script = readFileSync("docs/postgres-roles.sql", "utf8")
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("--"))
    .join("\n")
    .replace(/\bldb_owner\b/g, names.owner)
    .replace(/\bldb_app\b/g, names.app)
    .replace(/\bleermiddelendashboard\b/g, names.database);
  const statements = script
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
  // The test server trusts local connections: the passwords in the file are not asked for.
  const urlAs = (user: string) => {
    const url = new URL(server);
    url.username = user;
    url.password = "";
    url.pathname = `/${names.database}`;
    return url.toString();
  };
  return {
    ownerUrl: urlAs(names.owner),
    appUrl: urlAs(names.app),
    owner: names.owner,
    app: names.app,
    drop: async () => {
      const c = new Client({ connectionString: server });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${names.database} WITH (FORCE)`);
        await c.query(`DROP ROLE IF EXISTS ${names.app}`);
        await c.query(`DROP ROLE IF EXISTS ${names.owner}`);
      } finally {
        await c.end();
      }
    },
  };
}
