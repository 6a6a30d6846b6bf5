/**
 * {@code loupe embed}'s pass over a project: {@link dev.loupe.embed.run.EmbeddingRunner} embeds images and object
 * crops ({@link dev.loupe.embed.run.ObjectCrop}) on worker threads and stores the vectors, resumable.
 */
package dev.loupe.embed.run;
