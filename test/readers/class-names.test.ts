import { describe, expect, it } from "vitest";
import { parseClassNames, readClassNames } from "../../src/readers/class-names.js";
import { HAS_SHARED, SHARED, sharedTitle } from "../shared.js";
import { join } from "node:path";

describe("class-name lists", () => {
  it("reads PaddleClas id-name lines in id order", () => {
    expect(parseClassNames("1 beach\n0 airport\n2 traffic light\n")).toEqual(["airport", "beach", "traffic light"]);
  });

  it("reads one name per line, ignoring blank lines, CRLF and a BOM", () => {
    expect(parseClassNames("\uFEFFsky\r\nclouds\r\n\r\nwater\r\n")).toEqual(["sky", "clouds", "water"]);
  });

  it("refuses ids that do not run 0…C-1", () => {
    expect(() => parseClassNames("0 a\n2 b\n")).toThrow(/class id 2 is out of range/);
    expect(() => parseClassNames("0 a\n0 b\n")).toThrow(/appears twice/);
    expect(() => parseClassNames("\n\n")).toThrow(/empty/);
  });

  it("refuses a name given to two classes (classes are matched by name) and a list that is not text", () => {
    expect(() => parseClassNames("sky\nsea\nsky\n", "n.txt")).toThrow("n.txt: class name 'sky' is given to classes 0 and 2: each class needs its own name");
    expect(() => parseClassNames("0 sky\n1 sky\n")).toThrow(/class name 'sky' is given to classes 0 and 1/);
    expect(() => parseClassNames("\u0000\u0001\u0002")).toThrow(/NUL or control characters/);
    // A TAB, CR or form feed is whitespace, not a reason to refuse.
    expect(parseClassNames("0 sky\t\r\n1 sea\f\n")).toEqual(["sky", "sea"]);
  });

  it.skipIf(!HAS_SHARED)(sharedTitle("reads PaddleClas's NUS-WIDE-SCENE and COCO lists"), async () => {
    const scene = await readClassNames(join(SHARED, "data", "paddleclas", "NUS-WIDE-SCENE_label_list.txt"));
    expect(scene).toHaveLength(33);
    expect(scene[0]).toBe("airport");
    expect(await readClassNames(join(SHARED, "data", "paddleclas", "COCO2017_label_list.txt"))).toHaveLength(80);
  });
});
