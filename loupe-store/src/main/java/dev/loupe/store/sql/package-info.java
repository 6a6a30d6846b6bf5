/**
 * The store's SQL helpers, shared by every room and importing none: schema migrations, runs and
 * their provenance, transactions, appenders, JSON and geometry text, the metric columns of the wide
 * tables and their staging, IQR outlier counts, the rows of labels and predictions read back as
 * core records, and {@link dev.loupe.store.sql.StoreFailure} (an SQL error in the user's words).
 */
package dev.loupe.store.sql;
