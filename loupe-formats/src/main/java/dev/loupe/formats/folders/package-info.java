/**
 * Classification datasets as class folders ({@code CLASS/image.jpg}, optionally under split folders): each image
 * gets one image-level label.
 */
package dev.loupe.formats.folders;
