/** The labels room: the project's facts ({@code loupe info}), categories, images and annotations as imported. */
package dev.loupe.store.labels;
