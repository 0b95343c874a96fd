import { describe, expect, it } from "vitest";
import { detectFormat } from "../../src/readers/detect.js";

const detect = (text: string, path = "list.txt", options = {}) => detectFormat(Buffer.from(text), path, options);
const rows = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join("\n") + "\n";

describe("detectFormat", () => {
  it("reads path<TAB>comma-separated values as paddleclas", () => {
    expect(detect(rows(5, (i) => `img${i}.jpg\t0,1,0`))).toEqual({ format: "paddleclas", reason: "5 of 5 sampled lines are path<TAB>comma-separated values", sampled: 5, agree: 5 });
  });

  it("reads whitespace-separated values as spaced", () => {
    expect(detect(rows(4, (i) => `img${i}.jpg 0 1 0 1`)).format).toBe("spaced");
  });

  it("reads a spaced line with TABs before its path as spaced: both readers strip a line first, so that TAB is not path<TAB>labels", () => {
    expect(detect(rows(3, (i) => `\t\timg${i}.jpg 0 0 1 0 `)).format).toBe("spaced");
    // A TAB after the path still makes the line paddleclas, whatever whitespace surrounds the line.
    expect(detect(rows(3, (i) => ` \timg${i}.jpg\t0,1,0\t`)).format).toBe("paddleclas");
  });

  it("reads values separated by VT, FF or FS–US as spaced, as Python's split() separates them", () => {
    expect(detect(rows(4, (i) => `img${i}.jpg\x1f0\x1f1\x1c0 \x0b1\x1e`)).format).toBe("spaced");
  });

  it("reads comma-separated lines without a TAB as csv, saying how many and whether quoted", () => {
    const d = detect(`path,a,b\n"x,1.jpg",0,1\ny.jpg,1,0\n`);
    expect(d.format).toBe("csv");
    expect(d.reason).toBe("3 of 3 sampled lines are comma-separated with no TAB (path,v1,…,vC); 1 has quoted fields");
  });

  it("reads a spaced list with a quote in a path as spaced: a quote makes a CSV record only beside a comma", () => {
    // ImageList's split() keeps the quote in the path (found by the consumer mutations: it was called csv and wrong-format).
    expect(detect(`images/0001_154483"0453.jpg 0 0 1 0\n`).format).toBe("spaced");
    expect(detect(rows(3, (i) => `a"${i}.jpg 0 1 0`)).format).toBe("spaced");
    expect(detect(rows(3, (i) => `"a ${i}.jpg",0,1`)).format).toBe("csv");
  });

  it("reads a spaced list with a comma in a path as spaced: a comma makes a CSV record when numbers follow it", () => {
    expect(detect("images,/0001_1544830453.jpg 0 0 0 0 0 0 0 0 1 0 0 \n").format).toBe("spaced");
    expect(detect(rows(3, (i) => `img,${i}.jpg 0 1 0`)).format).toBe("spaced");
    expect(detect(rows(3, (i) => `img ${i}.jpg,0,1`)).format).toBe("csv");
    expect(detect(`path,sky,tree\n${rows(2, (i) => `img${i}.jpg,0,1`)}`).format).toBe("csv");
  });

  it("reads a spreadsheet export (BOM, CRLF, quoted fields) as csv", () => {
    expect(detect(`\uFEFF"path","a","b"\r\n"x.jpg",0,1\r\n`).format).toBe("csv");
  });

  it("reads a CSV path holding a space as csv, but a space before comma-separated values as paddleclas", () => {
    expect(detect(rows(3, (i) => `my photo ${i}.jpg,0,1`)).format).toBe("csv");
    const d = detect(rows(3, (i) => `img${i}.jpg 0,1,0`));
    expect(d.format).toBe("paddleclas");
    expect(d.reason).toContain("after a space, where PaddleClas expects a TAB");
  });

  it("reads rows of class indices as indices", () => {
    const d = detect(rows(6, (i) => `img${i}.jpg\t${i % 3},${5 + i}`));
    expect(d.format).toBe("indices");
    expect(d.reason).toMatch(/^6 of 6 sampled lines list class indices/);
    expect(detect(rows(3, (i) => `img${i}.jpg ${i + 2} 17`)).format).toBe("indices");
  });

  it("reads index lists in PaddleClas's syntax as paddleclas under a PaddleClas id-name class list (PaddleClas reads them as 0/1 values)", () => {
    const list = rows(6, (i) => `img${i}.jpg\t${i % 3},${5 + i}`);
    const d = detect(list, "train_list.txt", { classNamesForm: "paddleclas" });
    expect(d.format).toBe("paddleclas");
    expect(d.reason).toBe(`6 of 6 sampled lines list class indices as path<TAB>i1,i2 and the class-name list is in PaddleClas's "id name" form: read as PaddleClas reads it (--format indices if your loader reads indices)`);
    // One name per line says nothing about the reader; spaced index lists are not PaddleClas's syntax.
    expect(detect(list, "train_list.txt", { classNamesForm: "plain" }).format).toBe("indices");
    expect(detect(rows(6, (i) => `img${i}.jpg ${i + 2} 17`), "train_list.txt", { classNamesForm: "paddleclas" }).format).toBe("indices");
  });

  it("does not take a multi-hot row with a stray 2 for indices", () => {
    expect(detect(rows(5, (i) => `img${i}.jpg\t0,${i % 2},2`)).format).toBe("paddleclas");
  });

  it("does not take rows of exactly C values for indices when C is given", () => {
    expect(detect(rows(5, (i) => `img${i}.jpg\t0,2`), "list.txt", { numClasses: 2 }).format).toBe("paddleclas");
    expect(detect(rows(5, (i) => `img${i}.jpg\t0,2`)).format).toBe("indices");
  });

  it("keeps a few index rows in a multi-hot file as paddleclas (index-labels reports them)", () => {
    expect(detect(rows(10, (i) => `img${i}.jpg\t0,1,0`) + "x.jpg\t2\n").format).toBe("paddleclas");
  });

  it("reads a .json name or a leading { as json", () => {
    expect(detect("whatever", "train.JSON")).toEqual({ format: "json", reason: "the file name ends in .json (mmpretrain annotation file)" });
    expect(detect('\uFEFF  {"data_list": []}', "train.txt").format).toBe("json");
  });

  it("chooses columns when --columns is given, whatever the content", () => {
    expect(detect("a.jpg\nb.jpg\n", "list.txt", { columns: "Labels_{class}.txt" }).format).toBe("columns");
  });

  it("falls back to paddleclas, saying so, for an empty file or lines that read as nothing", () => {
    expect(detect("")).toEqual({ format: "paddleclas", reason: "the file has no data lines; read as paddleclas (path<TAB>v1,…,vC)" });
    expect(detect("justapath\nanother\n").reason).toMatch(/no sampled line reads as labels/);
  });
});
