import type { Rule } from "../engine/api.js";
import invalidEncoding from "./invalid-encoding.js";
import bom from "./bom.js";
import lineEnding from "./line-ending.js";
import blankLine from "./blank-line.js";
import lineTooLong from "./line-too-long.js";
import headerRow from "./header-row.js";
import commentLine from "./comment-line.js";
import noRows from "./no-rows.js";
import compressedList from "./compressed-list.js";
import missingSeparator from "./missing-separator.js";
import labelCount from "./label-count.js";
import nestedLabels from "./nested-labels.js";
import emptyValue from "./empty-value.js";
import extraField from "./extra-field.js";
import inconsistentSeparator from "./inconsistent-separator.js";
import indexLabels from "./index-labels.js";
import columnLengthMismatch from "./column-length-mismatch.js";
import invalidIndex from "./invalid-index.js";
import repeatedIndex from "./repeated-index.js";
import invalidAnnotation from "./invalid-annotation.js";
import malformedRecord from "./malformed-record.js";
import wrongFormat from "./wrong-format.js";
import joinedRows from "./joined-rows.js";
import nonBinaryValue from "./non-binary-value.js";
import nonCanonicalValue from "./non-canonical-value.js";
import signedEncoding from "./signed-encoding.js";
import emptyLabelset from "./empty-labelset.js";
import fullLabelset from "./full-labelset.js";
import duplicatePath from "./duplicate-path.js";
import conflictingDuplicate from "./conflicting-duplicate.js";
import classWithoutPositives from "./class-without-positives.js";
import classAlwaysPositive from "./class-always-positive.js";
import rareClass from "./rare-class.js";
import exclusiveGroup from "./exclusive-group.js";
import emptyPath from "./empty-path.js";
import unsafePath from "./unsafe-path.js";
import backslashPath from "./backslash-path.js";
import pathWhitespace from "./path-whitespace.js";
import splitLeakage from "./split-leakage.js";
import missingImage from "./missing-image.js";
import unreadableImage from "./unreadable-image.js";
import duplicateImage from "./duplicate-image.js";
import orphanImage from "./orphan-image.js";
import classCountMismatch from "./class-count-mismatch.js";
import duplicateClassName from "./duplicate-class-name.js";
import classMissingInSplit from "./class-missing-in-split.js";
import labelDistributionShift from "./label-distribution-shift.js";
import nearDuplicateLeakage from "./near-duplicate-leakage.js";
import targetRankMismatch from "./target-rank-mismatch.js";
import multilabelNotEnabled from "./multilabel-not-enabled.js";
import ignoredOption from "./ignored-option.js";
import signedLabelsUnmasked from "./signed-labels-unmasked.js";
import buggyLossVersion from "./buggy-loss-version.js";
import invalidArgument from "./invalid-argument.js";

/** Every rule, sorted by code. Codes are stable and never reused. */
export const allRules: readonly Rule[] = [
  invalidEncoding,
  bom,
  lineEnding,
  blankLine,
  lineTooLong,
  headerRow,
  commentLine,
  noRows,
  compressedList,
  missingSeparator,
  labelCount,
  nestedLabels,
  emptyValue,
  extraField,
  inconsistentSeparator,
  indexLabels,
  columnLengthMismatch,
  invalidIndex,
  repeatedIndex,
  invalidAnnotation,
  malformedRecord,
  wrongFormat,
  joinedRows,
  nonBinaryValue,
  nonCanonicalValue,
  signedEncoding,
  emptyLabelset,
  fullLabelset,
  duplicatePath,
  conflictingDuplicate,
  classWithoutPositives,
  classAlwaysPositive,
  rareClass,
  exclusiveGroup,
  classCountMismatch,
  duplicateClassName,
  splitLeakage,
  classMissingInSplit,
  labelDistributionShift,
  nearDuplicateLeakage,
  emptyPath,
  unsafePath,
  backslashPath,
  missingImage,
  unreadableImage,
  duplicateImage,
  orphanImage,
  pathWhitespace,
  targetRankMismatch,
  multilabelNotEnabled,
  ignoredOption,
  signedLabelsUnmasked,
  buggyLossVersion,
  invalidArgument,
];

