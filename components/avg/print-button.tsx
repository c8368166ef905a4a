"use client";

import { Button } from "@/components/ui/button";

/**
 * Prints the page (the browser's own dialog; the shell hides itself in print). The label comes from
 * the server: the record's words are not sent to the browser (app/layout.tsx SERVER_ONLY).
 */
export function PrintButton({ label }: { label: string }) {
  return (
    <Button className="print:hidden" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
