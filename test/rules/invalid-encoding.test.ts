import { expect } from "vitest";
import { paddleRows, runRuleTests } from "../rule-tester.js";

const bg = paddleRows(40, 3);
const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

runRuleTests("invalid-encoding", {
  valid: [
    // l = line.strip().split("\t"): MultiLabelDataset never reads past l[1]; the field is extra-field's warning.
    { name: "a NUL byte in a field after the labels, which PaddleClas never reads", text: bg + "x.jpg\t0,1,0\tca\u0000t\n" },
    { name: "an empty file", text: "" },
    { name: "a clean file", text: bg },
    { name: "a UTF-8 path with non-ASCII characters", text: bg + "图片/猫.jpg\t0,1,0\n" },
    { name: "non-ASCII UTF-8 after the labels (an extra field, not an encoding problem)", text: bg + "x.jpg\t0,1,0\tκατ\n" },
    { name: "a byte-order mark (valid UTF-8)", text: "\uFEFF" + bg },
    { name: "a CRLF file", text: bg.replace(/\n/g, "\r\n") },
  ],
  invalid: [
    {
      name: "a Latin-1 byte in the path is the only diagnosis of the line",
      text: bytes(bg, "x", [0xff], ".jpg\t0,1,0\n"),
      errors: [[41, "LL001"]],
      only: true,
      fix: null,
      message: ["not valid UTF-8", "0xFF"],
      check: (_r, [p]) => expect(p?.column).toBe(2),
    },
    {
      name: "a truncated multi-byte sequence at the end of the labels",
      text: bytes(bg, "x.jpg\t0,1,", [0xc3], "\n"),
      errors: [[41, "LL001"]],
      only: true,
      message: ["0xC3"],
    },
    {
      name: "an overlong encoding",
      text: bytes(bg, "a", [0xc0, 0xaf], "b.jpg\t0,1,0\n"),
      errors: [[41, "LL001"]],
      only: true,
      message: ["0xC0"],
    },
    {
      name: "an encoded UTF-16 surrogate",
      text: bytes(bg, "a", [0xed, 0xa0, 0x80], ".jpg\t0,1,0\n"),
      errors: [[41, "LL001"]],
      only: true,
    },
    {
      name: "a NUL byte among the labels",
      text: bg + "x.jpg\t0,1,\u00000\n",
      errors: [[41, "LL001"]],
      only: true,
      fix: null,
      message: ["NUL byte"],
      check: (_r, [p]) => expect(p?.column).toBe(11),
    },
    {
      name: "a NUL byte in the path",
      text: bg + "x\u0000.jpg\t0,1,0\n",
      errors: [[41, "LL001"]],
      only: true,
      message: ["NUL byte"],
    },
    {
      name: "an invalid byte in a field after the labels (not reported as an extra field)",
      text: bytes(bg, "x.jpg\t0,1,0\t", [0xff], "\n"),
      errors: [[41, "LL001"]],
      only: true,
      message: ["0xFF"],
    },
    {
      name: "a line without labels that is not UTF-8 is an encoding problem, not a missing separator",
      text: bytes(bg, "caf", [0xe9], ".jpg 0,1,0\n"),
      errors: [[41, "LL001"]],
      only: true,
    },
    {
      name: "each bad line of a CRLF Latin-1 file, which stays out of the statistics",
      text: bytes(bg.replace(/\n/g, "\r\n"), "caf", [0xe9], ".jpg\t0,1,0\r\n", "na", [0xef], "ve.jpg\t1,0,0\r\n"),
      errors: [
        [41, "LL001"],
        [42, "LL001"],
      ],
      check: (result) => {
        expect(result.stats.validRows).toBe(40);
        expect(result.rows).toBe(42);
        expect(result.problems.map((p) => p.code).sort()).toEqual(["LL001", "LL001", "LL003"]);
      },
    },
    {
      name: "the first line of a file with a byte-order mark and no final newline",
      text: bytes([0xef, 0xbb, 0xbf], "x", [0x80], ".jpg\t0,1,0\n", bg.slice(0, -1)),
      errors: [[1, "LL001"]],
      check: (result) => expect(result.problems.map((p) => p.code).sort()).toEqual(["LL001", "LL002", "LL003"]),
    },
  ],
});
