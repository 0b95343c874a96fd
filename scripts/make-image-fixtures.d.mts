// Types for the byte builders the tests import from make-image-fixtures.mjs.
export function png(rgb?: [number, number, number]): Buffer;
export function largePng(width: number, height: number): Buffer;
export function jpeg(variant?: number): Buffer;
export function gif(): Buffer;
export function bmp(): Buffer;
export function webp(): Buffer;
export function animatedWebp(): Buffer;
export function tiff(): Buffer;
export function truncatedJpeg(): Buffer;
export function truncatedPng(): Buffer;
export function makeSample(dir: string): void;
export function makeFixTrees(fixDir: string): void;
