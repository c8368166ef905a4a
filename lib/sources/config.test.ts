import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSourcesConfig, parseSourcesConfig, SourcesConfigError } from "./config";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests mutate raw JSON freely to break it
type RawFile = any;
const demo = (): RawFile => JSON.parse(readFileSync("config/sources.demo.json", "utf8"));

describe("sources file", () => {
  it("reads the demo file: five Sources, clientId inherited, timeout and answer cap defaulted", () => {
    const config = loadSourcesConfig("config/sources.demo.json");
    expect(config.sources.map((s) => s.id)).toEqual(["las-a", "las-b", "lr-a", "lr-b", "am"]);
    expect(config.sources.find((s) => s.id === "las-a")?.clientId).toBe("leermiddelendashboard");
    expect(config.sources.find((s) => s.id === "las-b")?.clientId).toBe("leermiddelendashboard-basic");
    expect(config.sources.every((s) => s.timeoutMs === 10_000)).toBe(true);
    expect(config.sources.every((s) => s.maxAnswerBytes === 64 * 1024 * 1024)).toBe(true);
  });

  it("reads each school's staff e-mail domains, and none when the entry leaves them out", () => {
    const config = loadSourcesConfig("config/sources.demo.json");
    expect(config.schools.map((s) => s.staffEmailDomains)).toEqual([
      ["obsderegenboog.example"],
      ["cbsdewegwijzer.example"],
      ["meridiaancollege.example"],
      ["sgdehorizon.example"],
    ]);
    const file = demo();
    delete file.schools[0].staffEmailDomains;
    expect(parseSourcesConfig(file).schools[0]!.staffEmailDomains).toBeUndefined();
  });

  it.each([
    [
      "a base URL with credentials",
      (f: RawFile) => {
        f.sources[0].baseUrl = "https://user:pw@las.example.nl/v1";
      },
      "sources[0].baseUrl: must not contain credentials",
    ],
    [
      "plain http to another host",
      (f: RawFile) => {
        f.sources[1].tokenEndpoint = "http://las.example.nl/token";
      },
      "sources[1].tokenEndpoint: must use https",
    ],
    [
      "a polling Provider's keys over plain http to another host",
      (f: RawFile) => {
        f.sources[1].consent = { delivery: "poll", jwksUri: "http://provider.example.nl/jwks.json" };
      },
      "sources[1].consent.jwksUri: must use https",
    ],
    [
      "an unknown school",
      (f: RawFile) => {
        f.sources[2].schools.push("nergens");
      },
      'sources[2].schools[4]: unknown school "nergens"',
    ],
    [
      "a duplicate Source id",
      (f: RawFile) => {
        f.sources[4].id = "las-a";
      },
      "sources[4].id: duplicate source id",
    ],
    [
      "an unknown auth method",
      (f: RawFile) => {
        f.sources[0].auth = { method: "mtls" };
      },
      "sources[0].auth.method",
    ],
    [
      "a secret in the file instead of an env name",
      (f: RawFile) => {
        f.sources[1].auth.clientSecretEnv = "s3cr3t!";
      },
      "sources[1].auth.clientSecretEnv",
    ],
    [
      "a school without identifiers",
      (f: RawFile) => {
        delete f.schools[0].organisationMasterIdentifier;
        delete f.schools[0].organisationIds;
      },
      "schools[0].organisationMasterIdentifier",
    ],
    [
      "an API name that does not exist",
      (f: RawFile) => {
        f.sources[0].apis.push("grades");
      },
      "sources[0].apis[4]",
    ],
    [
      "an answer cap below 1 KiB",
      (f: RawFile) => {
        f.sources[0].maxAnswerBytes = 512;
      },
      "sources[0].maxAnswerBytes",
    ],
    [
      "an answer cap above 1 GiB",
      (f: RawFile) => {
        f.sources[0].maxAnswerBytes = 2 ** 31;
      },
      "sources[0].maxAnswerBytes",
    ],
    [
      "a staff e-mail domain with an @",
      (f: RawFile) => {
        f.schools[1].staffEmailDomains = ["@cbsdewegwijzer.example"];
      },
      "schools[1].staffEmailDomains[0]: a domain name in lower case",
    ],
    [
      "a staff e-mail domain in capitals",
      (f: RawFile) => {
        f.schools[1].staffEmailDomains = ["CBSDeWegwijzer.example"];
      },
      "schools[1].staffEmailDomains[0]",
    ],
    [
      "a wildcard staff e-mail domain",
      (f: RawFile) => {
        f.schools[2].staffEmailDomains = ["*.meridiaancollege.example"];
      },
      "schools[2].staffEmailDomains[0]",
    ],
    [
      "a staff e-mail domain of one label",
      (f: RawFile) => {
        f.schools[0].staffEmailDomains = ["schoolnet"];
      },
      "schools[0].staffEmailDomains[0]",
    ],
  ])("names the bad field: %s", (_label, mutate, expected) => {
    const file = demo();
    mutate(file);
    expect(() => parseSourcesConfig(file)).toThrow(SourcesConfigError);
    expect(() => parseSourcesConfig(file)).toThrow(expected);
  });

  it("says so when the file is not JSON or missing, without a stack trace in the message", () => {
    expect(() => loadSourcesConfig("package-lock.json.missing")).toThrow(/cannot be read/);
    expect(() => loadSourcesConfig("docs/architecture.md")).toThrow(/not valid JSON/);
  });

  it("reads the file once while it stays the same, and again as soon as it changes", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "ldb-sources-")), "sources.json");
    writeFileSync(file, JSON.stringify(demo()));
    const first = loadSourcesConfig(file);
    expect(loadSourcesConfig(file)).toBe(first);
    const changed = demo();
    changed.schools[0].name = "OBS Het Anker";
    writeFileSync(file, JSON.stringify(changed));
    expect(loadSourcesConfig(file).schools[0]!.name).toBe("OBS Het Anker");
    writeFileSync(file, "{");
    expect(() => loadSourcesConfig(file)).toThrow(/not valid JSON/);
  });
});
