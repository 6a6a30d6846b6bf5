/** The tags room: names users put on images, annotations and predictions. */
package dev.loupe.store.tags;
