/**
 * The browse room, the read side of the web app: filtered search, counts, distributions, scatter
 * grids, samples, issue kinds, item detail with outcomes and class probabilities, the embedding map.
 */
package dev.loupe.store.browse;
