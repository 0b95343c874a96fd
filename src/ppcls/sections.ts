/**
 * The top-level sections of a PaddleClas training config. Two or more of them
 * mark a file given where a label list or a labellint config goes as a
 * PaddleClas config: each place that reads such a file says to give it with
 * --ppcls-config instead.
 */
export const PPCLS_SECTIONS = ["Global", "Arch", "Loss", "Optimizer", "DataLoader", "Metric", "Infer", "EMA", "AMP"] as const;

/** How many of {@link PPCLS_SECTIONS} make a PaddleClas config. */
export const PPCLS_SECTIONS_NEEDED = 2;

/** A section line at column 0: `Global:`, perhaps with a comment. */
const SECTION_LINE = new RegExp(`^(${PPCLS_SECTIONS.join("|")})[ \\t]*:[ \\t]*(?:#.*)?\\r?$`);

/** The sections `text` starts lines with, in order of first appearance. */
export function sectionLines(text: string): string[] {
  const found = new Set<string>();
  for (const line of text.split("\n")) {
    const m = SECTION_LINE.exec(line);
    if (m !== null) found.add(m[1]!);
  }
  return [...found];
}

/** The sections among a parsed mapping's keys. */
export function sectionKeys(mapping: object): string[] {
  return PPCLS_SECTIONS.filter((k) => Object.hasOwn(mapping, k));
}
