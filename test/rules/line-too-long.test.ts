import { expect } from "vitest";
import { paddleRows, runRuleTests } from "../rule-tester.js";

const bg = paddleRows(40, 3);
const long = "x.jpg\t" + "0,".repeat(100) + "0"; // 207 bytes
const small = { maxLineBytes: 64 };

runRuleTests("line-too-long", {
  valid: [
    { name: "an empty file", text: "", options: small },
    { name: "a clean file under the default limit", text: bg },
    { name: "a line of exactly the limit", text: bg + "x".repeat(58) + "\t0,1,0\n", options: small },
    { name: "a CRLF line of exactly the limit (the CR is not counted)", text: (bg + "x".repeat(58) + "\t0,1,0\n").replace(/\n/g, "\r\n"), options: small },
    { name: "a 207-byte line under the default 1 MiB limit", text: bg + long + "\n" },
  ],
  invalid: [
    {
      name: "an over-long line is not parsed, so it gets no other diagnosis",
      text: bg + long + "\n",
      options: small,
      errors: [[41, "LL005"]],
      only: true,
      fix: null,
      message: ["207 bytes", "64-byte limit", "--max-line-bytes"],
    },
    {
      name: "one byte over the limit",
      text: bg + "x".repeat(59) + "\t0,1,0\n",
      options: small,
      errors: [[41, "LL005"]],
      only: true,
      message: ["65 bytes"],
    },
    {
      // The 1 MiB head holds no line break: C comes from the start of that line, not 0 for every other row.
      name: "a first line longer than the whole head (1 MiB): the only finding; the rows after it are read with C from its start",
      text: "a.jpg\t1,0,1" + " ".repeat(1 << 20) + "\n" + bg,
      errors: [[1, "LL005"]],
      only: true,
      check: (result) => expect(result.numClasses).toBe(3),
    },
    {
      name: "an over-long first line",
      text: long + "\n" + bg,
      options: small,
      errors: [[1, "LL005"]],
      only: true,
    },
    {
      name: "an over-long last line without a final newline",
      text: bg + long,
      options: small,
      errors: [[41, "LL005"]],
      message: ["207 bytes"],
      check: (result) => expect(result.problems.map((p) => [p.line, p.code])).toEqual([
        [41, "LL003"],
        [41, "LL005"],
      ]),
    },
    {
      name: "an over-long line in a CRLF file counts its bytes without the CR",
      text: (bg + long + "\n").replace(/\n/g, "\r\n"),
      options: small,
      errors: [[41, "LL005"]],
      message: ["207 bytes"],
      check: (result) => {
        const ending = result.problems.filter((p) => p.code === "LL003");
        expect(ending).toHaveLength(1);
        expect(ending[0]?.message).toContain("CRLF line endings (41 lines)");
      },
    },
    {
      name: "a file with no newline at all",
      text: "y".repeat(500),
      options: small,
      errors: [[1, "LL005"]],
      message: ["500 bytes"],
    },
    {
      name: "over-long lines stay out of the statistics and keep the line numbers after them",
      text: paddleRows(20, 3) + long + "\n" + long + "\n" + paddleRows(20, 3, 20) + "x.jpg\t0,1\n",
      options: small,
      errors: [
        [21, "LL005"],
        [22, "LL005"],
      ],
      check: (result) => {
        expect(result.stats.validRows).toBe(40);
        expect(result.problems.find((p) => p.code === "LL102")?.line).toBe(43);
      },
    },
  ],
});
