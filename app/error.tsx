"use client";

import { SectionError } from "@/components/shell/section-error";

// The root's error boundary is the sections' own: the page says what failed and what to do next.
export default SectionError;
