/** The embeddings room: the store side of an embedding run, stored vectors and their keys, the 2-D map, Parquet export. */
package dev.loupe.store.vectors;
