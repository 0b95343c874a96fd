import type { ReportWriter } from "./types.js";

/** The reporters `--reporter` takes, in the order usage lists them. */
export const REPORTER_NAMES = ["text", "json", "html", "sarif", "github", "junit", "gitlab"] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/**
 * Loads one reporter's writer. The command line loads only the reporter a run
 * asked for (the html reporter and its charts are the largest module of all).
 */
export async function loadReportWriter(name: string): Promise<ReportWriter | undefined> {
  switch (name) {
    case "text":
      return (await import("./text.js")).writeText;
    case "json":
      return (await import("./json.js")).writeJson;
    case "html":
      return (await import("./html.js")).writeHtml;
    case "sarif":
      return (await import("./sarif.js")).writeSarif;
    case "github":
      return (await import("./github.js")).writeGithub;
    case "junit":
      return (await import("./junit.js")).writeJunit;
    case "gitlab":
      return (await import("./gitlab.js")).writeGitlab;
    default:
      return undefined;
  }
}
