import { describe, expect, it } from "vitest";
import { lintText, summarise } from "../../src/engine/lint.js";
import { formatStatsText } from "../../src/reporters/stats-text.js";

describe("stats text reporter", () => {
  it("shows control and bidi characters of paths, class names and messages as escapes", async () => {
    const file = await lintText("a.jpg\t1,0\nb.jpg\t0,2\n", { classNames: ["cat\u001b[31m", "dog\u202e"], statistics: true }, "evil\u0007.txt");
    const text = formatStatsText(summarise([file]));
    expect(text).not.toMatch(/[\u0007\u001b\u202e]/);
    expect(text).toContain("evil\\x07.txt");
    expect(text).toContain("cat\\x1b[31m");
    expect(text).toContain("dog\\u202e");
  });
});
