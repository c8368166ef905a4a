export default function NoAccessPage() {
  return (
    <div className="max-w-2xl space-y-3">
      <h1 className="text-2xl font-semibold">Geen toegang</h1>
      <p>
        Uw account heeft geen rol voor deze pagina of voor een school in het Leermiddelendashboard. Vraag de
        schoolbeheerder of applicatiebeheerder van uw school om u een rol te geven.
      </p>
    </div>
  );
}
