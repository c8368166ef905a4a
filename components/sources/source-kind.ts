export const SOURCE_KIND_LABEL: Record<string, string> = {
  las: "Leerlingadministratie (LAS)",
  licentieregistratie: "Licentieregistratie",
  aanspraakmanager: "Aanspraakmanager",
};

export const API_LABEL: Record<string, string> = {
  students: "Leerlingen",
  enrollments: "Inschrijvingen",
  assignments: "Medewerkers",
  usage: "Licentiegebruik",
  consent: "Toestemming",
};
