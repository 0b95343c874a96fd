import { expect } from "vitest";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);

runRuleTests("unsafe-path", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "relative paths", text: bg },
    { name: "a .. that stays under the image root", text: bg + "a/b/../x.jpg\t0,1,0\n" },
    { name: "a leading ./", text: bg + "./a/x.jpg\t0,1,0\n" },
    { name: "two dots inside a file name", text: bg + "a/x..jpg\t0,1,0\n" },
    { name: "a folder name that starts with two dots", text: bg + "..cache/x.jpg\t0,1,0\n" },
    { name: "a colon that is not a drive letter", text: bg + "img:1/x.jpg\t0,1,0\n" },
  ],
  invalid: [
    {
      name: "an absolute path is only an unsafe-path",
      text: bg + "/data/x.jpg\t0,1,0\n",
      errors: [[41, "LL502"]],
      only: true,
      fix: null,
      message: ["'/data/x.jpg'", "absolute", "os.path.join"],
      check: (_r, [p]) => {
        expect(p?.column).toBe(1);
        expect(p?.length).toBe(11);
      },
    },
    {
      name: "a Windows drive path with forward slashes",
      text: bg + "C:/data/x.jpg\t0,1,0\n",
      errors: [[41, "LL502"]],
      only: true,
      message: ["Windows drive"],
    },
    {
      name: "a Windows drive path with backslashes",
      text: bg + "C:\\data\\x.jpg\t0,1,0\n",
      errors: [[41, "LL502"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL502", "LL503"]),
    },
    {
      name: "a UNC path",
      text: bg + "\\\\server\\share\\x.jpg\t0,1,0\n",
      errors: [[41, "LL502"]],
      message: ["absolute"],
    },
    {
      name: "a path climbing out with ..",
      text: bg + "../x.jpg\t0,1,0\n",
      errors: [[41, "LL502"]],
      only: true,
      message: ["'../x.jpg'", "climbs out"],
    },
    {
      name: "a path climbing out after going down",
      text: bg + "a/../../x.jpg\t0,1,0\n",
      errors: [[41, "LL502"]],
      only: true,
      message: ["climbs out"],
    },
    {
      name: "a path climbing out with backslashes",
      text: bg + "..\\x.jpg\t0,1,0\n",
      errors: [[41, "LL502"]],
      message: ["climbs out"],
    },
    {
      name: "an unsafe path on a row of the wrong length is reported with it",
      text: bg + "/data/x.jpg\t0,1\n",
      errors: [[41, "LL502"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL102", "LL502"]),
    },
    {
      name: "an absolute path in a spaced file",
      text: spacedRows(40, 3) + "/data/x.jpg 0 1 0\n",
      errors: [[41, "LL502"]],
      only: true,
    },
    {
      name: "an absolute first path after a byte-order mark",
      text: "\uFEFF/data/x.jpg\t0,1,0\n" + bg,
      errors: [[1, "LL502"]],
      message: ["'/data/x.jpg'"],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL002", "LL502"]),
    },
    {
      name: "an absolute path in a CRLF file without a final newline",
      text: (bg + "/data/x.jpg\t0,1,0").replace(/\n/g, "\r\n"),
      errors: [[41, "LL502"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL003", "LL502"]),
    },
  ],
});
