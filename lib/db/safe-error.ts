/**
 * An error as one log-safe line: its class, its code and message, and those of its causes
 * (drizzle wraps the real reason, e.g. PGlite's ENOENT, in a "Failed query"). Anything that looks
 * like a connection string or a password is cut out: a PostgreSQL URL carries the password, and
 * libpq-style "key=value" strings may too. Long messages are shortened.
 */
const URL_WITH_SCHEME = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"`<>]+/gi;
const SECRET_PAIR = /\b(password|passwd|pwd|secret|token)\s*[=:]\s*[^\s;,'"]+/gi;
const MAX_PART = 240;

function clean(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("<redacted>");
  out = out.replace(URL_WITH_SCHEME, "<url>").replace(SECRET_PAIR, "$1=<redacted>").replace(/\s+/g, " ").trim();
  return out.length > MAX_PART ? `${out.slice(0, MAX_PART)}…` : out;
}

function describe(err: unknown, secrets: readonly string[]): string {
  if (!(err instanceof Error)) return typeof err;
  const code = (err as { code?: unknown }).code;
  const name = err.constructor?.name && err.constructor.name !== "Object" ? err.constructor.name : err.name;
  const message = clean(err.message, secrets);
  return `${name}${typeof code === "string" ? ` ${code}` : ""}${message ? `: ${message}` : ""}`;
}

export function safeErrorText(err: unknown, secrets: readonly (string | undefined)[] = [process.env.DATABASE_URL]): string {
  const known = secrets.filter((s): s is string => !!s);
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && depth < 4; depth++) {
    parts.push(describe(current, known));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(" ← caused by ");
}
