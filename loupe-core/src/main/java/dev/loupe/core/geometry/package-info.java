/**
 * Geometry with the exact semantics of the COCO mask API (pycocotools {@code common/maskApi.c}).
 *
 * <p>Conventions used by every class in this package:
 * <ul>
 *   <li>Units are pixels. The origin is the top-left corner of the image; x grows to the right,
 *       y grows downwards.</li>
 *   <li>Coordinates are continuous: pixel (row i, column j) covers the square
 *       [j, j+1) x [i, i+1). A box [0, 0, 1, 1] therefore covers exactly pixel (0, 0).</li>
 *   <li>Boxes are COCO boxes: x, y, width, height ({@link dev.loupe.core.geometry.Box}).</li>
 *   <li>Masks are COCO run-length encodings ({@link dev.loupe.core.geometry.Rle}): runs are taken
 *       over the pixels in column-major (Fortran) order, index = column * height + row, and the
 *       first run is always a run of zeros (possibly of length 0).</li>
 * </ul>
 *
 * <p>Where maskApi.c has undefined behaviour (reading past a buffer, dividing by zero, casting an
 * out-of-range double to int) these classes throw {@link java.lang.IllegalArgumentException} or
 * pick the documented well-defined result instead; everywhere else they reproduce maskApi.c bit
 * for bit, including its quirks, so that evaluation matches pycocotools' COCOeval.
 */
package dev.loupe.core.geometry;
