import { expect } from "vitest";
import { runRuleTests, paddleRows } from "../rule-tester.js";
import { generatedList } from "../ppcls/layout.js";
import { lineOf, ppclsConfig } from "../ppcls/configs.js";

const wide = paddleRows(30, 5);
const withMap = ppclsConfig({ classNum: 4, mapFile: "./labels/label_list.txt" });
// class_num under Global and not under Arch: PaddleClas's Engine copies it into Arch (ppcls/engine/engine.py, "Global.class_num will be deprecated").
const globalClassNum = (text: string) => text.replace("  class_num: 4\n", "").replace("Global:\n", "Global:\n  class_num: 4\n");
const globalWithMap = globalClassNum(withMap);
// An ML-Decoder head (Arch.use_ml_decoder, as PaddleClas's MultiLabelCOCO/MLDecoder configs write it): MLDecoder(**config["MLDecoder"])
// replaces the model's classifier and takes the model's class_num only when the section has none (ppcls/arch/gears/__init__.py:42-48).
const mlDecoder = (section: string) => ppclsConfig({ classNum: 4 }).replace("  class_num: 4\n", `  class_num: 4\n  use_ml_decoder: True\n`) + section;
const mlDecoderTwenty = mlDecoder("MLDecoder:\n  query_num: 80\n  class_num: 80\n  in_channels: 1024\n");
const mlDecoderFloat = mlDecoder("MLDecoder:\n  class_num: 4.0\n");

runRuleTests("class-count-mismatch", {
  valid: [
    { name: "rows as wide as --num-classes", text: wide, options: { numClasses: 5 } },
    { name: "C inferred from the rows", text: wide },
    { name: "a few short rows are label-count, not a count mismatch", text: wide + "x.jpg\t0,1\ny.jpg\t1,0\n", options: { numClasses: 5 } },
    { name: "one class in a PaddleClas list: its [B, 1] targets train", text: "a.jpg\t1\nb.jpg\t0\nc.jpg\t1\n" },
    { name: "class_num and the class list agree", text: withMap, ppcls: { files: { "labels/label_list.txt": "0 a\n1 b\n2 c\n3 d\n" } } },
    { name: "an ML-Decoder head without its own class_num takes the model's: lists 4 wide pass", text: mlDecoder("MLDecoder:\n  query_num: 80\n  in_channels: 1024\n"), ppcls: {} },
    { name: "an MLDecoder.class_num without Arch.use_ml_decoder builds nothing: Arch.class_num counts", text: ppclsConfig({ classNum: 4 }) + "MLDecoder:\n  class_num: 80\n", ppcls: {} },
  ],
  invalid: [
    {
      name: "one value a row in a HashNet list: HashNet reads it as single-label class indices",
      text: "a.jpg 1\nb.jpg 0\nc.jpg 1\n",
      options: { format: "spaced" },
      errors: [[null, "LL309"]],
      message: ["every row has one label value (C is 1, inferred: most common row width, 3 of 3 sampled rows have 1 value)", "RuntimeError in torch.mm"],
      check: (result) => expect(result.problems.find((p) => p.rule === "class-count-mismatch")?.severity).toBe("error"),
    },
    {
      name: "every row 5 wide, C given as 3",
      text: wide,
      options: { numClasses: 3 },
      errors: [[1, "LL309"]],
      only: true,
      fix: null,
      message: ["most rows have 5 label values (30 of 30 sampled rows; 30 rows in all, first on line 1) but C is 3 (given with --num-classes)", "[B, 5]", "[B, 3]"],
      check: (result) => {
        expect(result.counts["label-count"]).toBeUndefined();
        expect(result.shape.ok).toBe(false);
      },
    },
    {
      name: "a row of the file's width with a '2' in it counts with the others, not as an index list",
      text: wide.replace("img/00003.jpg\t0,0,0,1,0", "img/00003.jpg\t0,2,0,1,0"),
      options: { numClasses: 3 },
      errors: [[1, "LL309"]],
      only: true,
      message: ["(30 of 30 sampled rows; 30 rows in all, first on line 1)"],
    },
    {
      name: "a CSV header naming 4 classes over rows of 3 (the header's line stays line 1)",
      text: `path,a,b,c,d\n${paddleRows(12, 3).replace(/\t/g, ",")}`,
      errors: [[2, "LL309"]],
      only: true,
      message: ["most rows have 3 label values", "but C is 4 (4 class names in the CSV header (line 1 of the file))"],
      check: (result) => expect(result.format).toBe("csv"),
    },
    {
      name: "list files 5 wide for class_num 4",
      text: ppclsConfig({ classNum: 4 }),
      ppcls: { lists: { train: generatedList(5, 30, "train"), eval: generatedList(4, 30, "eval") } },
      errors: [[1, "LL309"]],
      only: true,
      message: ["but C is 4 (Arch.class_num in config.yaml)"],
      checkRun: (run) => expect(run.files[0]?.numClassesSource).toBe("ppcls-config"),
    },
    {
      name: "Global.class_num 4 (no Arch.class_num) and lists 5 wide: C is Global.class_num, as PaddleClas copies it into Arch",
      text: globalClassNum(ppclsConfig({ classNum: 4 })),
      ppcls: { lists: { train: generatedList(5, 30, "train"), eval: generatedList(4, 30, "eval") } },
      errors: [[1, "LL309"]],
      only: true,
      message: ["but C is 4 (Global.class_num in config.yaml)"],
    },
    {
      name: "Arch.use_ml_decoder with MLDecoder.class_num 80 (copied from the COCO config) over lists 4 wide: the head outputs [B, 80]",
      text: mlDecoderTwenty,
      ppcls: {},
      // The train list and the eval list.
      errors: [
        [1, "LL309"],
        [1, "LL309"],
      ],
      only: true,
      message: ["most rows have 4 label values", "but C is 80 (MLDecoder.class_num in config.yaml): the targets are [B, 4] while the model outputs [B, 80]"],
    },
    {
      name: "MLDecoder.class_num 4.0: the head is built with a float class count",
      text: mlDecoderFloat,
      ppcls: {},
      errors: [[lineOf(mlDecoderFloat, "class_num: 4.0"), "LL309"]],
      only: true,
      message: ["`MLDecoder.class_num` is 4.0, a float to PaddleClas: the MLDecoder head that replaces MobileNetV1's classifier (Arch.use_ml_decoder) is built with class_num=4.0 (add_ml_decoder_head, ppcls/arch/gears/__init__.py:42-79)"],
    },
    {
      name: "Global.class_num 4 but the class-id map names 5: the finding points at Global.class_num",
      text: globalWithMap,
      ppcls: { files: { "labels/label_list.txt": "0 a\n1 b\n2 c\n3 d\n4 e\n" } },
      errors: [[lineOf(globalWithMap, "class_num"), "LL309"]],
      only: true,
      message: ["`Global.class_num` is 4 but `Infer.PostProcess.class_id_map_file` (labels/label_list.txt) names 5 classes"],
    },
    {
      name: "class_num 4 but the class-id map names 5",
      text: withMap,
      ppcls: { files: { "labels/label_list.txt": "0 a\n1 b\n2 c\n3 d\n4 e\n" } },
      errors: [[lineOf(withMap, "class_num"), "LL309"]],
      only: true,
      message: ["`Arch.class_num` is 4 but `Infer.PostProcess.class_id_map_file` (labels/label_list.txt) names 5 classes"],
      checkRun: (run) => expect(run.files[0]?.classNames).toBeUndefined(),
    },
    {
      // Training never opens it; PaddleClas's MultiLabelThreshOutput.parse_class_id_map prints a warning and returns None
      // (ppcls/data/postprocess/threshoutput.py:47-54): a warning, and both lists are checked, not a fatal error.
      name: "the class-id map is not there: a warning, the lists checked without class names",
      text: withMap,
      ppcls: { withoutClassMap: true },
      errors: [[lineOf(withMap, "class_id_map_file"), "LL309"]],
      only: true,
      message: ["`Infer.PostProcess.class_id_map_file` is './labels/label_list.txt', which resolves to 'labels/label_list.txt': no such file", "training does not read it", "the class names were not checked"],
      checkRun: (run, problems) => {
        expect(problems[0]?.severity).toBe("warn");
        expect(run.summary.errorCount).toBe(0);
        expect(run.files.map((f) => [f.split, f.rows, f.classNames])).toEqual([
          ["train", 80, undefined],
          ["eval", 80, undefined],
        ]);
      },
    },
    {
      name: "the class-id map is not there, with the rule set to error by the user: an error",
      text: withMap,
      ppcls: { withoutClassMap: true },
      options: { rules: { "class-count-mismatch": "error" } },
      errors: [[lineOf(withMap, "class_id_map_file"), "LL309"]],
      only: true,
      checkRun: (_run, problems) => expect(problems[0]?.severity).toBe("error"),
    },
  ],
});
