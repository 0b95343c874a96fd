import type { ImageStatistics } from "../types.js";
import type { ImageStatus } from "./check.js";

/** Collects the sizes and modes of decoded images, one status at a time. */
export class ImageStatisticsAccumulator {
  private decoded = 0;
  private grayscale = 0;
  private minWidth = Infinity;
  private maxWidth = 0;
  private minHeight = Infinity;
  private maxHeight = 0;

  add(status: ImageStatus): void {
    if ((status.kind !== "ok" && status.kind !== "mismatch") || status.image === undefined) return;
    const { width, height, grayscale } = status.image;
    this.decoded++;
    if (grayscale) this.grayscale++;
    this.minWidth = Math.min(this.minWidth, width);
    this.maxWidth = Math.max(this.maxWidth, width);
    this.minHeight = Math.min(this.minHeight, height);
    this.maxHeight = Math.max(this.maxHeight, height);
  }

  result(): ImageStatistics {
    const none = this.decoded === 0;
    return {
      decoded: this.decoded,
      minWidth: none ? null : this.minWidth,
      maxWidth: none ? null : this.maxWidth,
      minHeight: none ? null : this.minHeight,
      maxHeight: none ? null : this.maxHeight,
      grayscale: this.grayscale,
    };
  }
}
