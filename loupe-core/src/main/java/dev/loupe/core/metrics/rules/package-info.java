/**
 * Issue rules: named conditions over metric values ({@link dev.loupe.core.metrics.rules.Condition}) that
 * turn numbers into findings such as {@code dark} or {@code tiny_object}; the defaults and a project's own
 * {@code rules} file are read by {@link dev.loupe.core.metrics.rules.IssueRules}.
 */
package dev.loupe.core.metrics.rules;
