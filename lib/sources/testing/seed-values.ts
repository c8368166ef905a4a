import fc from "fast-check";

/**
 * Realistic Dutch values for the conformance generator, mixed with arbitrary text so that nothing
 * the client does depends on a value looking familiar.
 */

const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, "0"));
const letters = (n: number) => fc.string({ unit: fc.constantFrom(..."ABCDEFGHJKLMNPRSTVWXZ"), minLength: n, maxLength: n });
/** Free text: any grapheme, never empty (an empty string is generated on purpose elsewhere). */
export const anyText = fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 });
const realistic = (...values: string[]) =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: anyText });

/** ECK iD: the ketenid.nl prefix and 128 hexadecimal digits (a hash, here xorshift32 words drawn from one seed). */
export const eckId = fc.integer({ min: 1, max: 0xffffffff }).map((seed) => {
  let x = seed >>> 0;
  let hex = "";
  for (let i = 0; i < 16; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    hex += (x >>> 0).toString(16).padStart(8, "0");
  }
  return `https://ketenid.nl/201703/${hex}`;
});

const userId = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 1, max: 9 })).map(([n, k]) => `${n}@${k}.school.nl`), // NEPPI
  fc.constantFrom("jbakker", "a.elamrani", "mvdberg").map((u) => `${u}@csg-het-baken.nl`), // NEPRI
  digits(6).map((n) => `LAS${n}`), // ASI
  fc.uuid().map((u) => `urn:mace:eduid.nl:${u}`), // eduID
  eckId,
  anyText,
);

const organisationId = fc.oneof(
  fc.tuple(digits(2), letters(2)).map(([d, l]) => `${d}${l}`), // OIE_CODE (BRIN4)
  fc.tuple(digits(2), letters(2), digits(2)).map(([d, l, v]) => `${d}${l}${v}`), // V_ID (BRIN6)
  fc.uuid(), // DD_ID
  digits(5).map((n) => `AS-${n}`),
  anyText,
);

/** Values by field name (the last key of a path); other strings fall back to `anyText`. */
const STRINGS: Record<string, fc.Arbitrary<string>> = {
  userMasterIdentifier: fc.oneof({ weight: 4, arbitrary: eckId }, { weight: 1, arbitrary: anyText }),
  userId,
  organisationMasterIdentifier: fc.oneof(
    fc.tuple(digits(3), letters(1), digits(3)).map((p) => p.join("")),
    anyText,
  ), // OnderwijsaanbiederId
  organisationId,
  locationMasterIdentifier: fc.oneof(
    fc.tuple(digits(3), letters(1), digits(3)).map(([a, l, b]) => `${a}${l}${b}`),
    anyText,
  ),
  locationId: fc.tuple(digits(2), letters(2), digits(2)).map((p) => p.join("")),
  givenName: realistic("Emma", "Daan", "Zoë", "Sem", "Noor", "Mohammed", "Fleur", "Yusuf", "Anouk", "Bram"),
  preferredFirstName: realistic("Em", "Mo", "Floor", "Joep"),
  familyName: realistic("Jansen", "Vries", "Bakker", "Yılmaz", "El Amrani", "Nguyen", "Visser", "Berg", "Dijk"),
  familyNamePrefix: realistic("van", "de", "van der", "van den", "'t", "ter"),
  email: fc.oneof(
    digits(6).map((n) => `L${n}@school.nl`),
    anyText,
  ),
  language: realistic("nld", "eng", "fry", "tur", "ara", "pap"),
  street: realistic("Kerkstraat", "Dorpsstraat", "Stationsweg", "Molenlaan", "Schoolstraat"),
  houseNumberSuffix: realistic("A", "-104", "bis", "2hg", "B"),
  zipCode: fc.oneof(
    fc.tuple(digits(4), letters(2)).map(([d, l]) => `${d} ${l}`),
    anyText,
  ),
  city: realistic("Utrecht", "Zwolle", "Leeuwarden", "Den Haag", "'s-Hertogenbosch", "Tilburg"),
  countryCode: realistic("NL", "BE", "DE"),
  country: realistic("Nederland", "België", "Duitsland"),
  enrollmentId: fc.oneof(fc.uuid(), anyText),
  assignmentId: fc.oneof(fc.uuid(), anyText),
  study: realistic("so-havo-4", "so-vwo-6", "so-groep-7", "so-vmbo-kb-2"),
  studyPublicId: fc.oneof(
    fc.tuple(digits(4), digits(4)).map(([a, b]) => `${a}O${b}`),
    anyText,
  ),
  subject: realistic("4H-ne1", "ne-h4", "3V-wi2", "groep 7 rekenen"),
  group: realistic("4H-mentor", "1A", "groep 7", "3V2"),
  schoolPeriod: realistic("2025-2026", "2024-2025", "2025-2026-S1"),
  name: realistic("Hoofdgebouw", "Dependance Noord", "Locatie Centrum", "Vestiging De Hoven"),
  providerReferenceId: fc.oneof(fc.uuid(), anyText),
  consumerReferenceId: fc.oneof(fc.uuid(), anyText),
  scopes: realistic("eduv.student.basic", "eduv.association", "eduv.usage.dashboard", "eduv.student.demographics"),
  entitlementId: fc.oneof(fc.uuid(), anyText),
  productId: fc.oneof(
    digits(10).map((d) => `978${d}`),
    anyText,
  ), // EAN
  productTitle: realistic("Getal & Ruimte 4 havo", "Nieuw Nederlands 3 vwo", "Pluspunt groep 7", "Stepping Stones 2"),
  deliveryOrderId: fc.oneof(
    digits(8).map((n) => `DO-${n}`),
    anyText,
  ),
};

export const textFor = (key: string) => STRINGS[key] ?? anyText;

/** Integers: mostly plausible for the field, but any integer the table's "Geheel getal" allows. */
const INTS: Record<string, fc.Arbitrary<number>> = {
  studyYear: fc.integer({ min: 0, max: 8 }),
  houseNumber: fc.integer({ min: 1, max: 350 }),
};
export const intFor = (key: string, min?: number) =>
  fc.oneof({ weight: 4, arbitrary: INTS[key] ?? fc.integer({ min: 0, max: 40 }) }, { weight: 1, arbitrary: fc.integer({ min }) });

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** A real calendar date (RFC 3339 full-date), 29 February of a leap year included. */
export const fullDate = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  { weight: 1, arbitrary: fc.constantFrom(1996, 2000, 2024, 2028).map((y) => `${y}-02-29`) },
);

/** RFC 3339 date-times in the forms the reading rules accept: any case, a space for T, any fraction, any offset. */
export const dateTime = fc
  .record({
    date: fullDate,
    h: fc.integer({ min: 0, max: 23 }),
    m: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    sep: fc.constantFrom("T", "T", "T", "t", " "),
    fraction: fc.option(fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 12 }), { nil: "" }),
    offset: fc.oneof(
      { weight: 4, arbitrary: fc.constant("Z") },
      { weight: 1, arbitrary: fc.constant("z") },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30, 45))
          .map(([sg, h, m]) => `${sg}${pad(h)}:${pad(m)}`),
      },
    ),
  })
  .map(
    ({ date, h, m, s, sep, fraction, offset }) => `${date}${sep}${pad(h)}:${pad(m)}:${pad(s)}${fraction ? `.${fraction}` : ""}${offset}`,
  );

/**
 * The other RFC 3339 forms metadata nobody reads may take (issue 21 item 5): no offset, no seconds,
 * a leap second, an offset without its colon, or a full-date alone.
 */
export const looseDateTime = fc
  .record({
    date: fullDate,
    h: fc.integer({ min: 0, max: 23 }),
    m: fc.integer({ min: 0, max: 59 }),
    form: fc.constantFrom("no offset", "no seconds", "leap second", "offset without colon", "date only"),
  })
  .map(({ date, h, m, form }) => {
    const hm = `${date}T${pad(h)}:${pad(m)}`;
    if (form === "no offset") return `${hm}:00`;
    if (form === "no seconds") return `${hm}Z`;
    if (form === "leap second") return `${date}T23:59:60Z`;
    if (form === "offset without colon") return `${hm}:00+0100`;
    return date;
  });

/** A date that does not exist: month 0 or 13, day 0 or 32, 30 February, 29 February of a common year, 31 April. */
export const impossibleDate = fc
  .tuple(
    fc.integer({ min: 1990, max: 2035 }),
    fc.constantFrom("13-01", "00-10", "01-00", "01-32", "02-30", "02-31", "04-31", "06-31", "09-31", "11-31", "feb29"),
  )
  .map(([y, md]) => (md === "feb29" ? `${y % 4 === 0 ? y + 1 : y}-02-29` : `${y}-${md}`));

/** A date-time that does not exist: an impossible date, or an hour, minute or second past its range. */
export const impossibleDateTime = fc.oneof(
  fc.tuple(impossibleDate, fc.constantFrom("T10:00:00Z", "T08:30:00.5+01:00", " 12:00:00z")).map(([d, t]) => `${d}${t}`),
  fc
    .tuple(fullDate, fc.constantFrom("T24:00:00Z", "T25:10:00Z", "T10:60:00Z", "T10:00:61Z", "T10:75:00+02:00"))
    .map(([d, t]) => `${d}${t}`),
);

/** Unknown enum values: plausible neighbours (other case, other version) and any text. */
export function unknownEnum(values: readonly string[]) {
  return fc
    .oneof(
      fc.constantFrom("inactive", "Active", "ACTIVE", "BRIN", "x-las", "suspended", "exam", "mentor", "diverse", "eduv.next"),
      fc.string({ minLength: 1, maxLength: 10 }),
    )
    .filter((v) => !values.includes(v));
}

/**
 * Field names the tables do not know: a vendor's extras, near misses of known names (other case, a
 * trailing space), odd names ("", " ", "a.b", "[]"), never `__proto__` (see conformance.test.ts).
 * A bounded set: random names would only give V8 a new object shape per record.
 */
const UNKNOWN_KEYS = [
  "x-leverancier",
  "vendorExtension",
  "lasKey",
  "opmerking",
  "_links",
  "meta",
  "externalId",
  "ean",
  "title",
  "sortOrder",
  "GivenName",
  "userIds ",
  "StudyYear",
  "status_",
  "",
  " ",
  "a.b",
  "[]",
  "ß",
  "0",
  "constructor",
  "toString",
  "hasOwnProperty",
];
export function unknownKey(known: ReadonlySet<string>) {
  return fc.constantFrom(...UNKNOWN_KEYS.filter((k) => !known.has(k)));
}

/**
 * A small JSON value of any type, as JSON.parse returns it (no -0, plain objects), with field names
 * that are safe to compare: the records need no JSON round trip before the client reads them.
 */
const primitive = fc.oneof(
  anyText,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => d + 0),
  fc.boolean(),
  fc.constant(null),
  fc.constant(""),
);
export const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: primitive },
  { weight: 1, arbitrary: fc.array(primitive, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(unknownKey(new Set()), primitive, { maxKeys: 3, noNullPrototype: true }) },
);
