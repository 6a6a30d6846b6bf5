/**
 * The one image pipeline behind every long run over a project's images (metrics on labels, metrics
 * on predictions, embeddings): a reading thread pages through images in id order, a pool of workers
 * does the work of each image (one decode), a writing thread stores results in batches, each batch
 * one transaction that marks its images done, so that a killed run resumes where it stopped.
 */
package dev.loupe.core.pipeline;
