/**
 * COCO: the instances file read twice with Jackson's streaming parser (images and categories, then
 * annotations one by one; nothing held per annotation) and the results format of prediction sets.
 */
package dev.loupe.formats.coco;
