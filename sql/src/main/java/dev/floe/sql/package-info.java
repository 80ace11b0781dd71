/**
 * The SQL frontend: JSqlParser parses the text, Floe's own binder resolves names and types and
 * builds Floe's logical plan through the DataFrame API, so SQL and DataFrames share one optimizer,
 * one physical planner and one runtime. Depends on {@code floe-api} only.
 */
package dev.floe.sql;
