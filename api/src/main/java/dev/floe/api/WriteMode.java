package dev.floe.api;

/**
 * What a write does to a directory that already has files. Either way nothing is visible until
 * the job succeeds: files are written under a staging name and published at the end.
 */
public enum WriteMode {
    /** Add the new files beside the existing ones. */
    APPEND,
    /** Replace everything in the directory, only once the job has succeeded. */
    OVERWRITE
}
