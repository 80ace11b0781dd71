package dev.floe.api;

/**
 * How a join is executed. AUTO broadcasts a side estimated small enough (when the join type
 * allows it) and otherwise hash-partitions both sides on the keys. SORT_MERGE is accepted for
 * INNER joins only and currently runs as a hash join on hash-partitioned inputs.
 */
public enum JoinStrategy {
    AUTO, HASH, BROADCAST, SORT_MERGE
}
