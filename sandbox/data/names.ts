// Names seen most in the Netherlands (eduv-domain.md §6); the data built from them is fictitious.
export const GIVEN_NAMES_BOYS = ["Noah", "Sem", "Lucas", "Daan", "Levi", "Finn", "Liam", "Luuk", "Mees", "Bram", "Sam", "Gijs", "Teun", "Siem", "Mohammed", "Milan", "Jesse", "Thijs", "Ravi", "Yusuf"] as const;
export const GIVEN_NAMES_GIRLS = ["Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Yara", "Anna", "Eva", "Liv", "Saar", "Evi", "Lotte", "Noor", "Luna", "Olivia", "Fatima", "Lina"] as const;

/** Official first names with the roepnaam a pupil goes by. */
export const FORMAL_NAMES: ReadonlyArray<[formal: string, roepnaam: string]> = [
  ["Abraham", "Bram"], ["Johannes", "Hans"], ["Catharina", "Karin"], ["Wilhelmina", "Mien"], ["Theodorus", "Theo"],
  ["Alexander", "Sander"], ["Elisabeth", "Lisa"], ["Gijsbert", "Gijs"], ["Maria", "Mia"], ["Jacobus", "Koos"],
];

/** [prefix (tussenvoegsel), family name]. */
export const FAMILY_NAMES: ReadonlyArray<[string | undefined, string]> = [
  ["de", "Jong"], [undefined, "Jansen"], ["de", "Vries"], [undefined, "Janssen"], ["van den", "Berg"], ["van", "Dijk"],
  [undefined, "Bakker"], [undefined, "Visser"], [undefined, "Smit"], [undefined, "Meijer"], ["de", "Boer"], [undefined, "Mulder"],
  [undefined, "Bos"], [undefined, "Vos"], [undefined, "Peters"], [undefined, "Hendriks"], [undefined, "Dekker"], ["van", "Leeuwen"],
  [undefined, "Brouwer"], ["de", "Groot"], ["van der", "Meer"], ["ter", "Horst"], [undefined, "Yilmaz"], [undefined, "Nguyen"],
  [undefined, "Ali"], [undefined, "Kaya"], ["van der", "Linden"], [undefined, "Willems"], [undefined, "Koster"], ["van", "Wijk"],
];

export const VO_SUBJECTS = [
  ["ne", "Nederlands"], ["en", "Engels"], ["wi", "wiskunde"], ["bi", "biologie"], ["gs", "geschiedenis"], ["ak", "aardrijkskunde"],
  ["ec", "economie"], ["lo", "lichamelijke opvoeding"], ["ckv", "CKV"], ["ma", "maatschappijleer"], ["na", "natuurkunde"],
  ["sk", "scheikunde"], ["du", "Duits"], ["fa", "Frans"], ["in", "informatica"], ["mu", "muziek"],
] as const;

/** Products per registry and sector: [title, EAN-13-like product id]. */
export const PRODUCTS: Record<"lr-a" | "lr-b", Record<"PO" | "VO", ReadonlyArray<[string, string]>>> = {
  "lr-a": {
    PO: [["Pluspunt 4 (digitaal)", "9789006001011"], ["Taal Actief 4", "9789006001028"], ["Veilig Leren Lezen kim-versie", "9789006001035"]],
    VO: [["Getal & Ruimte 12e ed. havo/vwo", "9789001001013"], ["Nieuw Nederlands 7e ed.", "9789001001020"], ["Memo geschiedenis", "9789001001037"], ["Biologie voor jou", "9789001001044"]],
  },
  "lr-b": {
    PO: [["Wereld in getallen 5", "9789034001019"], ["Staal taal en spelling", "9789034001026"]],
    VO: [["Stepping Stones 7th ed.", "9789034001033"], ["Pincode economie", "9789034001040"], ["Nova natuurkunde", "9789034001057"]],
  },
};
