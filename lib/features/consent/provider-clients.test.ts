import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SourcesConfigError, parseSourcesConfig, sourcesFileSchema } from "@/lib/sources/config";
import { providerClients } from "./provider-auth";

/**
 * Which Providers may authenticate at the dashboard's token endpoint: those that collect requests
 * (`delivery: poll`) and those that push their statuses to us (`notifies`), each with the keys at its
 * jwksUri; a Provider that only takes our PUTs has no client here.
 */

const source = (id: string, consent?: Record<string, unknown>) => ({
  id,
  name: id.toUpperCase(),
  kind: "licentieregistratie",
  baseUrl: `https://${id}.example/v1`,
  tokenEndpoint: `https://${id}.example/oauth2/token`,
  auth: { method: "private_key_jwt" },
  scopes: ["eduv.usage.dashboard", "eduv.consent"],
  apis: ["usage", "consent"],
  schools: ["obs"],
  ...(consent ? { consent } : {}),
});

const file = (sources: unknown[]) => ({
  client: { clientId: "leermiddelendashboard" },
  schools: [{ id: "obs", name: "OBS Test", sector: "PO", organisationMasterIdentifier: "900A101" }],
  sources,
});

describe("providerClients", () => {
  it("a put Provider that notifies is a client (its id as client id by default); one that does not notify is none", () => {
    const config = parseSourcesConfig(
      file([
        source("pusher", { delivery: "put", notifies: true, jwksUri: "https://pusher.example/.well-known/jwks.json" }),
        source("named-pusher", {
          delivery: "put",
          notifies: true,
          clientId: "np-client",
          jwksUri: "https://named-pusher.example/jwks.json",
        }),
        // Keys given but nothing to fetch and nothing to push: no reason to hand it a token.
        source("putter-with-keys", { delivery: "put", jwksUri: "https://putter-with-keys.example/jwks.json" }),
        source("putter", { delivery: "put" }),
        source("plain"),
        source("poller", { delivery: "poll", clientId: "poller-client", jwksUri: "https://poller.example/jwks.json" }),
      ]),
    );
    expect(providerClients(config)).toEqual([
      { providerId: "pusher", clientId: "pusher", jwksUri: "https://pusher.example/.well-known/jwks.json" },
      { providerId: "named-pusher", clientId: "np-client", jwksUri: "https://named-pusher.example/jwks.json" },
      { providerId: "poller", clientId: "poller-client", jwksUri: "https://poller.example/jwks.json" },
    ]);
  });

  it("the demo's sources file: lr-a (put, notifies) and lr-b (poll) are clients, its other Sources not", () => {
    const demo = parseSourcesConfig(JSON.parse(readFileSync("config/sources.demo.json", "utf8")));
    expect(providerClients(demo)).toEqual([
      { providerId: "lr-a", clientId: "lr-a", jwksUri: "http://localhost:4100/lr-a/.well-known/jwks.json" },
      { providerId: "lr-b", clientId: "lr-b", jwksUri: "http://localhost:4100/lr-b/.well-known/jwks.json" },
    ]);
  });
});

describe("the sources file's consent entry", () => {
  it("refuses notifies: true without a jwksUri, naming the field", () => {
    const raw = file([source("pusher", { delivery: "put", notifies: true })]);
    const result = sourcesFileSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path, i.message])).toEqual([
      [["sources", 0, "consent", "jwksUri"], "a notifying Provider needs jwksUri"],
    ]);
    expect(() => parseSourcesConfig(raw)).toThrow(SourcesConfigError);
    expect(() => parseSourcesConfig(raw)).toThrow("sources[0].consent.jwksUri: a notifying Provider needs jwksUri");
  });

  it("takes notifies: true with a jwksUri, and notifies and statusesBySchool default to false", () => {
    const parsed = sourcesFileSchema.parse(
      file([source("pusher", { notifies: true, jwksUri: "https://pusher.example/jwks.json" }), source("putter", {})]),
    );
    expect(parsed.sources.map((s) => s.consent)).toEqual([
      { delivery: "put", notifies: true, statusesBySchool: false, jwksUri: "https://pusher.example/jwks.json" },
      { delivery: "put", notifies: false, statusesBySchool: false },
    ]);
  });

  it("notifies: false needs no jwksUri; a jwksUri must be https away from this machine", () => {
    expect(sourcesFileSchema.safeParse(file([source("putter", { delivery: "put", notifies: false })])).success).toBe(true);
    const plainHttp = sourcesFileSchema.safeParse(file([source("pusher", { notifies: true, jwksUri: "http://pusher.example/jwks.json" })]));
    expect(plainHttp.success).toBe(false);
    expect(plainHttp.error!.issues.map((i) => i.path)).toEqual([["sources", 0, "consent", "jwksUri"]]);
  });
});
