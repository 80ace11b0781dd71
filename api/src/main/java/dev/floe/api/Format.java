package dev.floe.api;

/**
 * How {@link DataFrame#explain(Format)} and {@link DataFrame#explainAnalyze(Format)} draw a plan.
 *
 * <pre>{@code
 * String mermaid = df.explain(Format.MERMAID);   // paste into a Markdown ```mermaid block
 * String dot = df.explainAnalyze(Format.DOT);    // dot -Tsvg plan.dot > plan.svg; figures on the edges
 * }</pre>
 */
public enum Format {
    /** Indented text, the same as {@code explain()}. */
    TEXT,
    /** A Mermaid flowchart ({@code flowchart BT ...}) of the physical plan's stages and exchanges. */
    MERMAID,
    /** A Graphviz digraph ({@code digraph floe { ... }}) of the physical plan's stages and exchanges. */
    DOT
}
