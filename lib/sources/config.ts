import "server-only";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { settingOrDemo } from "@/lib/env/production";
import { DEFAULT_MAX_ANSWER_BYTES, MAX_MAX_ANSWER_BYTES, MIN_MAX_ANSWER_BYTES } from "./transport/read-body";
import { ORGANISATION_ID_TYPES } from "./reading/schemas/common";
import { NEVER_REQUESTED_SCOPES } from "./operations/define";

/** The Edu-V APIs a Source may serve, by the dashboard's operation names. */
export const SOURCE_APIS = ["students", "enrollments", "assignments", "usage", "consent"] as const;
export type SourceApi = (typeof SOURCE_APIS)[number];

/** What a Source is: a pupil administration, a licence registry or an Aanspraakmanager. */
export const SOURCE_KINDS = ["las", "licentieregistratie", "aanspraakmanager"] as const;

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and dashes");

/** A domain name as it appears after the @ of an address: lower case, at least two labels, no wildcard. */
const emailDomain = z
  .string()
  .max(253)
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    "a domain name in lower case, like school.nl (no @, no wildcard)",
  );

function isLoopback(host: string) {
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

/** http(s) only, no credentials in the URL, https unless the host is this machine. */
const sourceUrl = z
  .url({ protocol: /^https?$/ })
  .refine((u) => {
    const url = new URL(u);
    return url.username === "" && url.password === "";
  }, "must not contain credentials")
  .refine((u) => {
    const url = new URL(u);
    return url.protocol === "https:" || isLoopback(url.hostname);
  }, "must use https (http is only allowed for localhost)");

const schoolSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    /**
     * Decides whether a school asked by a secondary id needs `filterByOrgId=true` to be narrowed to
     * it: a Source's default is to narrow in PO and to answer the whole Onderwijsaanbieder in VO
     * (003:280-282); no default is stated for MBO (params.ts, ERRATA 38).
     */
    sector: z.enum(["PO", "VO", "MBO"]),
    organisationMasterIdentifier: z.string().min(1).optional(),
    organisationIds: z
      .array(z.object({ organisationId: z.string().min(1), organisationIdType: z.enum(ORGANISATION_ID_TYPES) }))
      .min(1)
      .optional(),
    /**
     * The school is one part (e.g. a vestiging, V_ID) of its Onderwijsaanbieder: students and
     * enrollments are asked by the first `organisationIds` entry and narrowed to it, while POST
     * bodies (usage, assignments, consent) still name the Onderwijsaanbieder. A school without
     * organisationMasterIdentifier is asked that way anyway (ERRATA 37).
     */
    narrowToOrganisationId: z.boolean().optional(),
    /**
     * The e-mail domains of the school's staff (e.g. ["obsderegenboog.nl"]). A local role grant by
     * e-mail address counts at this school only for an address the IdP marked verified in one of
     * these domains (exact match: list subdomains too). None: no e-mail grant counts here.
     */
    staffEmailDomains: z.array(emailDomain).max(20).optional(),
  })
  .refine((s) => s.organisationMasterIdentifier || s.organisationIds, {
    message: "needs organisationMasterIdentifier or organisationIds",
    path: ["organisationMasterIdentifier"],
  })
  .refine((s) => !s.narrowToOrganisationId || s.organisationIds, {
    message: "needs organisationIds (their first entry is what the school is narrowed to)",
    path: ["narrowToOrganisationId"],
  });

const authSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("private_key_jwt") }),
  z.object({
    method: z.literal("client_secret_basic"),
    clientSecretEnv: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "name of an environment variable"),
  }),
]);

const sourceSchema = z.object({
  id: slug,
  name: z.string().min(1),
  kind: z.enum(SOURCE_KINDS),
  baseUrl: sourceUrl,
  tokenEndpoint: sourceUrl,
  clientId: z.string().min(1).optional(),
  auth: authSchema,
  /** The scopes the dashboard may ask this Source for; never the home address (NEVER_REQUESTED_SCOPES, ERRATA 39). */
  scopes: z
    .array(
      z
        .string()
        .regex(/^eduv\.[a-z.]+$/, "an eduv.* scope")
        .refine((scope) => !NEVER_REQUESTED_SCOPES.has(scope), {
          error: (issue) =>
            `${String(issue.input)} is never requested by the dashboard (the home address is for the Bestelomgeving leermiddelen only): remove it`,
        }),
    )
    .min(1),
  apis: z.array(z.enum(SOURCE_APIS)).min(1),
  schools: z.array(slug).min(1),
  timeoutMs: z.int().min(100).max(120_000).default(10_000),
  /** At most this many calls to the Source at once, from all of the dashboard's users together (fan-outs queue behind it). */
  maxConcurrentCalls: z.int().min(1).max(256).default(8),
  /**
   * The largest answer read from the Source, in bytes (default 64 MiB, 1 KiB to 1 GiB). A larger
   * one is dropped unread ("too_large") instead of filling the server's memory; token answers are
   * held to at most 1 MiB and error answers to 64 KiB whatever this says.
   */
  maxAnswerBytes: z.int().min(MIN_MAX_ANSWER_BYTES).max(MAX_MAX_ANSWER_BYTES).default(DEFAULT_MAX_ANSWER_BYTES),
  /**
   * As an Edu-V Data Provider of consent: `put` receives our PUT /consent/requests; `poll` collects
   * them from our GET /consent/requests, authenticating at our token endpoint as `clientId` with a
   * private_key_jwt whose keys are at `jwksUri`. `notifies`: it pushes what became of consent to our
   * PUT /consent/notifications (authenticating the same way), so its statuses are polled only now and
   * then as a safety net. `statusesBySchool`: it offers GET /consent/statuses/school (ERRATA 41),
   * asked once per school instead of the general GET /consent/statuses.
   */
  consent: z
    .object({
      delivery: z.enum(["put", "poll"]).default("put"),
      clientId: z.string().min(1).optional(),
      jwksUri: sourceUrl.optional(),
      notifies: z.boolean().default(false),
      statusesBySchool: z.boolean().default(false),
    })
    .refine((c) => c.delivery === "put" || !!c.jwksUri, { message: "a polling Provider needs jwksUri", path: ["jwksUri"] })
    .refine((c) => !c.notifies || !!c.jwksUri, { message: "a notifying Provider needs jwksUri", path: ["jwksUri"] })
    .optional(),
});

export const sourcesFileSchema = z
  .object({
    client: z.object({ clientId: z.string().min(1), jwksUri: z.url().optional() }),
    schools: z.array(schoolSchema).min(1),
    sources: z.array(sourceSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const schoolIds = new Set(file.schools.map((s) => s.id));
    duplicates(file.schools.map((s) => s.id)).forEach((i) =>
      ctx.addIssue({ code: "custom", path: ["schools", i, "id"], message: "duplicate school id" }),
    );
    duplicates(file.sources.map((s) => s.id)).forEach((i) =>
      ctx.addIssue({ code: "custom", path: ["sources", i, "id"], message: "duplicate source id" }),
    );
    file.sources.forEach((source, i) =>
      source.schools.forEach((id, j) => {
        if (!schoolIds.has(id)) ctx.addIssue({ code: "custom", path: ["sources", i, "schools", j], message: `unknown school "${id}"` });
      }),
    );
  });

function duplicates(ids: string[]): number[] {
  return ids.flatMap((id, i) => (ids.indexOf(id) !== i ? [i] : []));
}

export type SourcesFile = z.infer<typeof sourcesFileSchema>;
export type SchoolConfig = SourcesFile["schools"][number];
export type SourceConfig = SourcesFile["sources"][number] & { clientId: string };
export type SourcesConfig = { client: SourcesFile["client"]; schools: SchoolConfig[]; sources: SourceConfig[] };

export class SourcesConfigError extends Error {
  override readonly name = "SourcesConfigError";
}

function formatPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, seg) => (typeof seg === "number" ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)), "");
}

/** Validates a parsed sources file; the error names every bad field. */
export function parseSourcesConfig(raw: unknown, origin = "sources file"): SourcesConfig {
  const result = sourcesFileSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${formatPath(issue.path) || "(root)"}: ${issue.message}`);
    throw new SourcesConfigError(`${origin} is invalid: ${lines.join("; ")}`);
  }
  const file = result.data;
  return {
    client: file.client,
    schools: file.schools,
    sources: file.sources.map((s) => ({ ...s, clientId: s.clientId ?? file.client.clientId })),
  };
}

export function sourcesFilePath(): string {
  // The demo's file only outside production: a production server calling the sandbox's URLs would fail quietly.
  const file = settingOrDemo("EDUV_SOURCES_FILE");
  // A run-time path chosen by the operator, not a file of the build: keep it out of output tracing.
  return path.resolve(/*turbopackIgnore: true*/ file);
}

/** Parsed sources files by path, with the file's identity and times when it was read. */
const parsedFiles = new Map<string, { stamp: string; config: SourcesConfig }>();

/**
 * The sources file, read and checked again only when it changed (inode, size, modification or
 * change time): every BFF request asks for the schools, and reading and validating the file each
 * time was a measurable part of a warm list request.
 */
export function loadSourcesConfig(file = sourcesFilePath()): SourcesConfig {
  let stamp: string | undefined;
  try {
    const st = statSync(/*turbopackIgnore: true*/ file);
    stamp = `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch {
    /* the read below says what is wrong */
  }
  const kept = parsedFiles.get(file);
  if (stamp && kept?.stamp === stamp) return kept.config;
  const config = readSourcesConfig(file);
  if (stamp) parsedFiles.set(file, { stamp, config });
  return config;
}

function readSourcesConfig(file: string): SourcesConfig {
  let text: string;
  try {
    text = readFileSync(/*turbopackIgnore: true*/ file, "utf8");
  } catch {
    throw new SourcesConfigError(`sources file ${path.basename(file)} cannot be read (EDUV_SOURCES_FILE)`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new SourcesConfigError(`sources file ${path.basename(file)} is not valid JSON: ${(err as Error).message}`);
  }
  return parseSourcesConfig(raw, `sources file ${path.basename(file)}`);
}

export function schoolsOf(config: SourcesConfig, source: SourceConfig): SchoolConfig[] {
  return config.schools.filter((s) => source.schools.includes(s.id));
}

/**
 * The Sources a viewer of these schools may see: those that serve at least one of them. Which
 * Sources (vendors) another school uses is that school's business, not a viewer's elsewhere.
 */
export function sourcesServing(config: SourcesConfig, schoolIds: readonly string[]): SourceConfig[] {
  return config.sources.filter((source) => source.schools.some((id) => schoolIds.includes(id)));
}
