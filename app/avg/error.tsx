"use client";

import { SectionError } from "@/components/shell/section-error";

export default SectionError;
