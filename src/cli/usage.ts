/**
 * The usage text, in one place: each command's (`labellint COMMAND --help`)
 * and the whole (`labellint --help`), built from the same sections.
 */

/** The commands, in the order the help lists them. */
export const COMMANDS = ["check", "stats", "fix", "apply", "convert", "split", "diff", "merge", "init", "rules"] as const;
export type CommandName = (typeof COMMANDS)[number];

const TITLE = `labellint — lint multi-label classification label files`;

/** Each command's synopsis lines. */
const SYNOPSIS: Record<CommandName, string> = {
  check: `  labellint check [FILES…] [options]   check label files (- reads stdin), or with
                                        --ppcls-config a PaddleClas config and its lists`,
  stats: `  labellint stats FILES… [input options] [--reporter text|json] [--output FILE]
                                        statistics: cardinality, labelsets, per-class prevalence,
                                        IRLbl, pos_weight, MeanIR, SCUMBLE; with two files the
                                        first is train, the second eval (unless --split), compared`,
  fix: `  labellint fix FILE --out OUT [options]
                                        write a corrected file, a rejects file and a plan`,
  apply: `  labellint apply PLAN --out OUT        re-apply a reviewed fix plan (refused if the input changed
                                        or the plan does not match it); --in-place [--backup SUFFIX]
                                        rewrites the input, keeping FILE.bak`,
  convert: `  labellint convert FILE… --to paddleclas|spaced|csv|indices|json --out OUT [input options]
                                        convert to another format (several files: concatenated);
                                        refused when the input has errors, unless --force`,
  split: `  labellint split FILE… --ratio 0.8,0.2 --out-dir DIR [--names train,eval] [--seed N]
                                        split into train/eval (any number of parts) by iterative
                                        stratification over classes and label pairs, beside a
                                        random split; several files are pooled and split again`,
  diff: `  labellint diff OLD NEW [input options] [--reporter text|json|github|html]
                                        what changed between two lists: rows added, removed and
                                        relabelled (by path), positives gained and lost per class,
                                        duplicates introduced`,
  merge: `  labellint merge PARTIAL… [--reporter …] [--output FILE]
                                        the report one check gives, from the partials of every
                                        shard of a check --shard I/N --partial OUT run`,
  init: `  labellint init FILE… [--class-names FILE] [--split ROLES] [--force] [--output FILE]
                                        write labellint.config.json inferred from the files:
                                        format, class count and names, split roles (from --split,
                                        else the file names: train… → train, val/eval/test → eval)`,
  rules: `  labellint rules [--consumer NAME] [--reporter json]
                                        list the rules: code, name, severity, fix`,
};

const INPUT = `Input options:
  --consumer NAME                  the program that reads the files; severities follow what it
                                   does: paddleclas (PaddleClas MultiLabelDataset), imagelist
                                   (HashNet/DeepHash ImageList), mmpretrain, generic (a strict
                                   reader). Default: paddleclas lists → paddleclas, spaced →
                                   imagelist, json → mmpretrain, others → generic. hashnet or
                                   deephash names the ImageList: where an absolute image path
                                   is looked for (as written, or appended to the image root)
  --unknown-label VALUE            a label value that means "unknown" on purpose (-1, or '' for
                                   an empty value; repeatable): counted per class, not reported,
                                   unless the consumer trains on it (PaddleClas without weight_ratio)
  --format FORMAT                  auto (default: sniffed, and the report says why), or
                                   paddleclas  path<TAB>v1,…,vC        spaced  path v1 … vC
                                   csv         path,v1,…,vC (optional header path,<names>)
                                   indices     path<TAB>i1,i2 or path i1 i2 (0-based)
                                   columns     an image list + one 0/1 file per class (--columns)
                                   json        mmpretrain annotation (metainfo.classes, data_list)
  --columns TEMPLATE               the columns format: per-class files, {class} for the class
                                   name, in --class-names order; FILE is then the image list
                                   (e.g. 'Groundtruth/TrainTestLabels/Labels_{class}_Train.txt')
  --num-classes N                  expected number of classes C
  --class-names FILE               class list: PaddleClas "id name" lines or one name per line
  --split train|eval               split role of the files (default train, the stricter;
                                   stats with two files: train then eval); val, validation
                                   and test mean eval; a list such as --split train,eval
                                   gives each file its own role
  --max-line-bytes N               longest line read (default 1048576)
  --max-classes N                  largest class count accepted, given or inferred
                                   (default 1000000); more is a fatal error, not an allocation
  --max-spool-bytes N              largest standard input, FIFO or device input: it is copied to
                                   a temporary file to be read twice (default 1073741824)
  --config FILE                    a labellint config (datasets, classes, classGroups, rules);
                                   default: labellint.config.json (.yaml, .yml) in the working
                                   directory or the nearest one above it. Flags win over it
  --no-config                      use no labellint config
  --ppcls-config FILE              a PaddleClas training config: check it (losses, metrics and
                                   loader agree on 2-D/3-D targets, use_multilabel, …) and the
                                   train and eval lists it names, with its class_num and class list
  --ppcls-root DIR                 directory PaddleClas runs from: config paths resolve against it
                                   (default: the working directory); also checks its loss source
  --ppcls-override KEY=VALUE       an override as tools/train.py's -o takes it (Arch.class_num=33,
                                   Loss.Train.0.MultiLabelLoss.weight_ratio=True): laid over the
                                   config in order, its value read as Python's eval reads it;
                                   repeat for several`;

const IMAGE = `Image options (check and fix; fix rejects rows whose image is missing, unreadable or undecodable):
  --check-images                   check every listed image: it exists under the image root
                                   (missing-image), is not empty, truncated or a non-image
                                   (unreadable-image), and no symlink leads out of the root
  --image-root DIR                 directory the image paths are relative to
                                   (default: the directory of each label file; the working
                                   directory with --consumer hashnet, which opens them as written)
  --allow-images-in DIR            a folder outside the image root whose images may be opened
                                   too (repeatable): symbolic links into it (folders linked to
                                   shared storage) and absolute paths into it are checked like
                                   the images under the root instead of left to unsafe-path
  --concurrency N                  images checked at once (default 16)
  --hash-images                    also hash every image (reads whole files; implies
                                   --check-images): duplicate-image, and split-leakage by content
  --decode-images                  also decode every image fully (reads whole files; implies
                                   --check-images): images that cannot be decoded or decode
                                   damaged (unreadable-image); sizes and modes in the json report
  --similar-images                 also compare eval images with train images by perceptual hash
                                   (implies --decode-images): re-encoded, resized or cropped
                                   copies (near-duplicate-leakage)
  --similar-threshold N            hash bits (of 64) that may differ between copies (default 11)`;

const RULE = `Rule options:
  --rule NAME:SEVERITY             set a rule to error, warn or off (repeatable; name or code)`;

const OUTPUT = `Output options:
  --reporter NAME                  report format: text (default), json, html, sarif,
                                   github (Actions annotations + step summary), junit,
                                   gitlab (Code Quality report; files relative to
                                   $CI_PROJECT_DIR when set)
  --output FILE                    write the report to FILE instead of stdout
  --max-problems-per-rule N        list at most N problems per rule and file (default 100 for
                                   text, github and a grouped gitlab report, 25,000 for sarif;
                                   json, html, junit list every line finding and 1,000 findings
                                   about single classes per rule; counts stay exact)
  --max-warnings N                 exit 1 when there are more than N warnings
  --quiet                          report errors only; warnings are not listed (--max-warnings
                                   still counts them, as ESLint does)
  --no-group                       list each finding: by default text, github, gitlab and html
                                   show a rule with more than 3 line (or class) findings in a file
                                   once, with its count, its first lines (classes) and one
                                   quoted line
  --color / --no-color             force or disable colours (default: when stdout is a terminal
                                   and NO_COLOR is not set; FORCE_COLOR=1, 2 or 3 forces them,
                                   FORCE_COLOR=0 turns them off)`;

const CHECK_FIX = `Fixing from check:
  --fix                            apply the safe fixes in place, as labellint fix FILE --in-place
                                   does (FILE.bak kept, rejected lines in FILE.rejects.tsv), then
                                   report what is left; the fix summaries go to stderr
  --unsafe-fixes                   with --fix: also apply fixes that may change meaning`;

const STATS_OUTPUT = `Output options:
  --reporter text|json             report format (default text)
  --output FILE                    write the report to FILE instead of stdout
  --quiet                          report and count errors only
  --color / --no-color             force or disable colours (as for check)`;

const FIX = `Fix options (with the input options above):
  --out FILE                       the corrected file (a spaced list stays spaced, an mmpretrain
                                   json file json, any other input becomes canonical
                                   paddleclas, unless --to; always
                                   uncompressed text: an input.gz is read, a name ending in .gz
                                   is refused)
  --rejects FILE                   lines no fix can repair, verbatim, with line and reasons
                                   (default OUT.rejects.tsv)
  --plan FILE                      every edit, drop and reject as JSON, for review and apply
  --class-names-out FILE           where the input's own class names (a CSV header, metainfo,
                                   a header row) go: "id name" lines, as --class-names reads
                                   them (default OUT.classes.txt; not written when
                                   --class-names was given)
  --unsafe-fixes                   also apply fixes that may change meaning
  --dry-run                        write nothing; show the edits (exit 1 if any)
  --in-place [--backup SUFFIX]     rewrite the input, keeping FILE.bak (--backup '' for none);
                                   FILE.labellint.lock is held meanwhile: a second run refuses
  --to paddleclas|spaced|indices|json
                                   output format (default: spaced for a spaced list, json for
                                   json, else paddleclas); indices keeps an index list an index
                                   list (path<TAB>i1,i2), whatever C is; json writes an
                                   mmpretrain annotation file
  --reporter text|json             the summary (json: the plan, what was written, the check after)
  --force                          overwrite existing output, rejects, plan or class-name files`;

const APPLY = `Apply options:
  --out FILE                       where the corrected file goes
  --in-place [--backup SUFFIX]     rewrite the plan's input instead, keeping FILE.bak
                                   (--backup '' for none)
  --input FILE                     the input the plan was made from, if it moved
  --rejects FILE                   rejected lines (default OUT.rejects.tsv)
  --class-names-out FILE           where the input's own class names (a header row) go, as fix
                                   writes them (default OUT.classes.txt)
  --force                          overwrite existing output, rejects and class-name files`;

const CONVERT = `Convert options (with the input options above):
  --to paddleclas|spaced|csv|indices|json
                                   output format: path<TAB>v1,…; path v1 …; CSV with a header
                                   path,<class names> (path,0,1,… when no names are known);
                                   path<TAB>i1,i2,… (0-based indices of the positives, empty
                                   for none); an mmpretrain annotation file (metainfo.classes,
                                   one data_list entry a line; a json input's entries keep
                                   their other keys, and its metainfo is kept)
  --out FILE                       the converted file
  --rejects FILE                   rows not written, verbatim, with line and reasons
                                   (default OUT.rejects.tsv)
  --class-names-out FILE           where the input's own class names (a CSV header, metainfo,
                                   a header row) go when the output format has no place for
                                   them: "id name" lines, as --class-names reads them (default
                                   OUT.classes.txt; not written when --class-names was given)
  --force                          convert despite errors (their rows go to the rejects file),
                                   and overwrite existing output, rejects and class-name files`;

const SPLIT = `Split options (with the input options above):
  --ratio R1,R2,…                  share of the rows in each split; they must sum to 1
  --names N1,N2,…                  the split files' names (default train,eval for two parts,
                                   else split0,split1,…); files DIR/NAME.EXT in the input's
                                   format (an mmpretrain json file as NAME.json annotation
                                   files, each entry as written; json with index lists as index
                                   lists; canonical paddleclas for csv, columns)
  --seed N                         seed of the tie-breaks and of the random split shown beside
                                   (default 0); the same seed writes the same files
  --out-dir DIR                    where the splits and rejects.tsv (rows with errors) go
  --force                          overwrite existing split, rejects and classes.txt files
  --reporter text|json             the report (json: every class; stdout unless --output)`;

const DIFF = `Diff options (with the input options above; both files are read with them):
  --reporter text|json|github|html the report (github: annotations, and a Markdown summary
                                   appended to $GITHUB_STEP_SUMMARY when it is set)
  --output FILE                    write the report to FILE instead of stdout
  --max-rows N                     changed rows listed per kind (default 20 in text, 50 in
                                   github, 500 in html, all in json); counts stay exact
  --memory-limit SIZE              inputs larger than this are joined through hash-partitioned
                                   files on disk (default 64M; K, M, G suffixes)
  --fail-on-change                 exit 1 when anything changed (default: exit 0)`;

const JOBS = `Threads (check):
  --jobs N|auto, -j N              threads a large paddleclas or spaced file is read on (default
                                   auto: every core; under 16 MiB or ~1,000,000 rows a thread,
                                   one): the file is cut into byte ranges at line starts and
                                   the parts merged exactly, so the report is the one a single
                                   thread gives`;

const SHARD = `Shard options (check; the files are cut into byte ranges, one per shard):
  --shard I/N                      check shard I (0-based) of N: each file's byte range I of N,
                                   cut at line starts; auto reads the shard from a Slurm job
                                   array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT), auto/N
                                   from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)
  --partial FILE                   where the shard's result goes (and FILE.keys beside it);
                                   labellint merge reads every shard's, exit 0 once written.
                                   paddleclas and spaced files only; images are checked by the
                                   shard that owns the row`;

const MERGE = `Merge options:
  --reporter text|json|sarif|github|junit|gitlab|html
                                   report format (default text), as check
  --output FILE                    write the report to FILE instead of stdout
  --max-problems-per-rule N        listed findings per rule (default 100 in text, github and
                                   grouped gitlab, 25,000 in sarif; otherwise all, but 1,000
                                   about single classes; never more than the shards listed);
                                   counts stay exact
  --max-warnings N                 exit 1 when there are more warnings
  --color / --no-color             force or disable colours
  --no-group                       list repeated line and class findings one by one
  --memory-limit SIZE              what the join of the shards' path hashes may hold (default
                                   1G; K, M, G suffixes); past it, the hashes are joined bucket
                                   by bucket, the key records read once per bucket
The files are re-read where duplicates and leaks are confirmed: merge runs where the files are.
It refuses (exit 2) a missing or doubled shard, partials of other runs or settings, ranges
that do not tile a file, and a file changed since its shards ran.`;

const INIT = `Init options:
  --class-names FILE               class list to name the classes by (written as namesFile)
  --split ROLES                    a role per file (train,eval), instead of guessing from names
  --output FILE                    the config to write (default labellint.config.json; .yaml or
                                   .yml writes YAML)
  --force                          write even when a labellint config exists in the directory`;

const RULES = `Rules options:
  --consumer NAME                  severities as that program reads a file
  --reporter text|json             the table (default) or JSON with each rule's cases`;

const EXIT = `Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many
warnings, 2 fatal (bad usage, unreadable input, invalid config). split exits 0 once its
files are written; diff exits 0 (1 with --fail-on-change when anything changed).
Set LABELLINT_DEBUG=1 for stack traces; LABELLINT_COMPILE_CACHE=0 to compile at every start.
`;

/** The option sections each command takes. */
const SECTIONS: Record<CommandName, readonly string[]> = {
  check: [INPUT, IMAGE, RULE, OUTPUT, CHECK_FIX, JOBS, SHARD],
  stats: [INPUT, RULE, STATS_OUTPUT],
  fix: [INPUT, IMAGE, RULE, FIX],
  apply: [APPLY],
  convert: [INPUT, RULE, CONVERT],
  split: [INPUT, RULE, SPLIT],
  diff: [INPUT, DIFF],
  merge: [MERGE],
  init: [INIT],
  rules: [RULES],
};

/** The usage of one command: its synopsis, the options it takes, the exit codes. */
export function commandUsage(command: CommandName): string {
  return [`Usage:\n${SYNOPSIS[command]}`, ...SECTIONS[command], EXIT].join("\n\n") + "\n";
}

/** \`labellint --help\`: every command and every option. */
export const HELP = [
  TITLE,
  `Usage:\n${COMMANDS.map((c) => SYNOPSIS[c]).join("\n")}\n  labellint COMMAND --help              one command's options\n  labellint --version | --help`,
  INPUT,
  IMAGE,
  RULE,
  OUTPUT,
  CHECK_FIX,
  JOBS,
  SHARD,
  FIX,
  CONVERT,
  SPLIT,
  DIFF,
  MERGE,
  EXIT,
].join("\n\n") + "\n";
