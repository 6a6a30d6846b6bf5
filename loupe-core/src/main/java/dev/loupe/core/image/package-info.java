/**
 * Opening and decoding images safely: {@link dev.loupe.core.image.ImageFolder} resolves a labelled path to a
 * regular file inside the images folder (no links out, no FIFOs: {@link dev.loupe.core.image.RefusedImageFile});
 * {@link dev.loupe.core.image.ImageHeaders} reads sizes without decoding; {@link dev.loupe.core.image.ImageDecoder}
 * refuses too many pixels from the header before allocating, then decodes to sRGB (CMYK, 16-bit and palettes
 * converted by {@link dev.loupe.core.image.RasterConversion}).
 */
package dev.loupe.core.image;
