/**
 * The project-side contract of embeddings: what an embedding run reads and writes
 * ({@link dev.loupe.core.embed.EmbeddingStore}) and what is read back ({@link dev.loupe.core.embed.VectorSet}).
 * Models, search and projections live in loupe-embed; storage in loupe-store.
 */
package dev.loupe.core.embed;
