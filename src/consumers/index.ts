import { LabellintError } from "../errors.js";
import type { FormatId } from "../types.js";
import { closestName } from "../text/closest.js";
import { genericConsumer } from "./generic.js";
import { imagelistConsumer } from "./imagelist.js";
import { mmpretrainConsumer } from "./mmpretrain.js";
import { paddleclasConsumer } from "./paddleclas.js";
import type { Consumer, ConsumerId, Effect } from "./types.js";

export type { Consumer, ConsumerId, Effect } from "./types.js";

export const consumers: Readonly<Record<ConsumerId, Consumer>> = {
  paddleclas: paddleclasConsumer,
  imagelist: imagelistConsumer,
  mmpretrain: mmpretrainConsumer,
  generic: genericConsumer,
};

export const CONSUMER_IDS = Object.keys(consumers) as ConsumerId[];

/** Other names people use for a consumer. */
const ALIASES: Readonly<Record<string, ConsumerId>> = {
  hashnet: "imagelist",
  deephash: "imagelist",
  "deephash-pytorch": "imagelist",
  mmcls: "mmpretrain",
  mmclassification: "mmpretrain",
  custom: "generic",
};

/** The ImageList a consumer name means, when it names one of the two (`hashnet`, `deephash`, `deephash-pytorch`). */
export function imagelistReaderOf(name: string): "hashnet" | "deephash" | undefined {
  const key = name.trim().toLowerCase();
  return key === "hashnet" ? "hashnet" : key === "deephash" || key === "deephash-pytorch" ? "deephash" : undefined;
}

/** The program that reads a file of this format unless told otherwise. */
export function defaultConsumer(format: FormatId): Consumer {
  switch (format) {
    case "paddleclas":
      return paddleclasConsumer;
    case "spaced":
      return imagelistConsumer;
    case "json":
      return mmpretrainConsumer;
    default:
      return genericConsumer;
  }
}

/** A consumer by id or alias (case-insensitive); an unknown name is a usage error with a suggestion. */
export function findConsumer(name: string): Consumer {
  const key = name.trim().toLowerCase();
  const id = (Object.hasOwn(consumers, key) ? key : ALIASES[key]) as ConsumerId | undefined;
  if (id !== undefined) return consumers[id];
  const hint = closestName([...CONSUMER_IDS, ...Object.keys(ALIASES)], key);
  throw new LabellintError("LL_USAGE", `unknown consumer '${name}'${hint !== undefined ? `; did you mean '${hint}'?` : ""} (consumers: ${CONSUMER_IDS.join(", ")})`);
}

/**
 * What `consumer` does with case `messageId` of rule `rule`; undefined when the rule's default stands.
 * `variant`: which of the consumer's programs reads the file, when it was told — the images decoded
 * with PIL where the consumer decodes with cv2 by default (a config's choice, `@pil`), or the one
 * ImageList named (`@hashnet`, `@deephash`): its `rule/messageId@variant` effect, when it has one,
 * comes first.
 */
export function effectOf(consumer: Consumer, rule: string, messageId: string, variant?: EffectVariant): Effect | undefined {
  return (variant !== undefined ? consumer.effects[`${rule}/${messageId}@${variant}`] : undefined) ?? consumer.effects[`${rule}/${messageId}`];
}

/** Which of a consumer's programs reads a file, when it was told: see {@link effectOf}. */
export type EffectVariant = "pil" | "hashnet" | "deephash";

/** The program that reads a file, in words: the consumer's title, or the one ImageList named. */
export function consumerTitle(consumer: ConsumerId, imagelistReader?: "hashnet" | "deephash"): string {
  if (consumer === "imagelist" && imagelistReader !== undefined) return imagelistReader === "hashnet" ? "HashNet's ImageList" : "DeepHash-pytorch's ImageList";
  return consumers[consumer].title;
}
