"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { DataColumn } from "@/components/ui/data-column";
import { DataTable } from "@/components/ui/data-table";
import { useFormats } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import type { ConsentRequestView, KnownConsentView, ConsentMatrix as Matrix, MatrixCell, StatusPoll } from "@/lib/contracts/consent";
import { LiveCheck, type Check } from "./live-check";
import { ChangeLine, StatusText, useLabels } from "./status";
import { WithdrawalText, WithdrawControl, WithdrawnNote, type Withdraw } from "./withdraw";

type Row = Matrix["rows"][number];
type Start = (providerId: string, api: string) => void;

/**
 * Providers × APIs: the latest request of each pair, or a way to draft the first one; the school's
 * withdrawal of a pair, and (`onWithdraw`, for who may write) a way to withdraw consent given or asked;
 * the live check of each offered pair, and (`onCheck`) a way to check it now.
 */
export function ConsentMatrix({
  matrix,
  schoolName,
  onStart,
  onWithdraw,
  onCheck,
}: {
  matrix: Matrix;
  schoolName: string;
  onStart?: Start;
  onWithdraw?: Withdraw;
  onCheck?: Check;
}) {
  const t = useTranslations("consent");
  const labels = useLabels();
  const columns: Array<DataColumn<Row>> = [
    {
      id: "provider",
      header: t("colProvider"),
      rowHeader: true,
      className: "align-top",
      cell: (row) => (
        <>
          <span className="font-semibold">{row.providerName}</span>
          <StatusPollText poll={row.statusPoll} />
        </>
      ),
    },
    ...matrix.apis.map((api): DataColumn<Row> => ({
      id: api,
      header: labels.api(api),
      cell: (row) => {
        const cell = row.cells.find((c) => c.api === api);
        return cell ? <MatrixCellView cell={cell} row={row} onStart={onStart} onWithdraw={onWithdraw} onCheck={onCheck} /> : null;
      },
      cellAttributes: (row) => ({ "data-testid": `cell-${row.providerId}-${api}` }),
    })),
  ];
  if (!matrix.rows.length) return <p>{t("noProviders")}</p>;
  return (
    <DataTable
      columns={columns}
      rows={matrix.rows}
      rowKey={(row) => row.providerId}
      caption={t("matrixCaption", { school: schoolName })}
      rowClassName="align-top"
      empty={null}
    />
  );
}

/**
 * One pair: not offered by the Provider, its latest request, or none yet (with a button to draft one
 * for who may write); above it the school's withdrawal, below it the live check, and then a way to
 * withdraw where consent stands.
 */
export function MatrixCellView({
  cell,
  row,
  onStart,
  onWithdraw,
  onCheck,
}: {
  cell: MatrixCell;
  row: Pick<Row, "providerId" | "providerName">;
  onStart?: Start;
  onWithdraw?: Withdraw;
  onCheck?: Check;
}) {
  const t = useTranslations("consent");
  const labels = useLabels();
  // Withdrawals made here: after each, focus goes to the withdrawal's state once the refreshed matrix shows it.
  const [withdrawn, setWithdrawn] = useState(0);
  if (!cell.offered)
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="sr-only">{t("notOffered")}</span>
      </>
    );
  const pair = { providerId: row.providerId, providerName: row.providerName, api: cell.api, apiLabel: labels.api(cell.api) };
  return (
    <div className="space-y-1">
      {cell.withdrawal ? <WithdrawalText withdrawal={cell.withdrawal} focus={withdrawn} /> : withdrawn ? <WithdrawnNote /> : null}
      {cell.request ? (
        <RequestText request={cell.request} />
      ) : (
        <>
          {cell.known ? <KnownText known={cell.known} /> : cell.withdrawal ? null : <p>{t("notRequested")}</p>}
          {onStart ? (
            <Button onClick={() => onStart(row.providerId, cell.api)}>
              {t("startRequest")}
              <span className="sr-only"> {t("startRequestFor", { provider: row.providerName, api: pair.apiLabel })}</span>
            </Button>
          ) : null}
        </>
      )}
      <LiveCheck check={cell.check} pair={pair} onCheck={onCheck} />
      {onWithdraw && cell.withdrawable ? (
        <WithdrawControl pair={pair} onWithdraw={onWithdraw} onDone={() => setWithdrawn((n) => n + 1)} />
      ) : null}
    </div>
  );
}

/** Our latest request of a pair: its status, when it last changed and the date of every change. */
function RequestText({ request }: { request: ConsentRequestView }) {
  const t = useTranslations("consent");
  const f = useFormats();
  return (
    <div className="space-y-1">
      <StatusText request={request} />
      <p>{t("lastChange", { when: f.dateTime(request.changedAt) })}</p>
      <p className="text-xs text-slate-700">
        <ChangeLine changes={request.changes} />
      </p>
    </div>
  );
}

/** Consent the Provider holds without a request of ours: its state, its reference and when it changed there. */
function KnownText({ known }: { known: KnownConsentView }) {
  const t = useTranslations("consent");
  const f = useFormats();
  const state = ["requested", "confirmed", "refused", "revoked"].includes(known.providerStatus)
    ? t(`known.${known.providerStatus}`)
    : known.providerStatus;
  return (
    <div className="space-y-1" data-known={known.providerStatus}>
      <p>{t("known.line", { state })}</p>
      <p className="text-xs text-slate-700">
        {[
          known.providerReferenceId ? t("known.reference", { reference: known.providerReferenceId }) : null,
          known.changedAt ? t("known.changed", { when: f.dateTime(known.changedAt) }) : null,
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
    </div>
  );
}

/** Whether the Provider's answers are coming in: a Provider whose status endpoint fails is named, not silent. */
function StatusPollText({ poll }: { poll: StatusPoll }) {
  const t = useTranslations("consent");
  const f = useFormats();
  if (!poll.polledAt) return <span className="block text-xs font-normal text-slate-700">{t("pollNever")}</span>;
  if (poll.lastError) {
    // No live region: the matrix is polled every few seconds, and the row header's name is read from it.
    return (
      <div className="mt-1">
        <Notice tone="warning" size="sm" role={null}>
          {t("pollFailed", { error: poll.lastError, time: f.dateTime(poll.polledAt) })}
        </Notice>
      </div>
    );
  }
  return <span className="block text-xs font-normal text-slate-700">{t("pollOk", { time: f.dateTime(poll.polledAt) })}</span>;
}
