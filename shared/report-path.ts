// The report path (issue 15): a reason that marks the rating as one the citizen may want to
// report elsewhere — by default "Gây phiền hà, sách nhiễu" (harassment, asking for favours).
// After such a reason the citizen screen shows where to report it and the rating's reference
// code. Zod-free: the one mapping, read by the reason schema's default.

/** The reason codes on the report path when a settings or provisioning file leaves it out. */
const usualReportPathCodes: ReadonlySet<string> = new Set(['PHIEN-HA']);

/** Whether a reason is on the report path when its settings or provisioning file leave it out. */
export const usualReportPathOf = (code: string): boolean => usualReportPathCodes.has(code);
