package dev.floe.api;

/**
 * What a write does to a directory that already has files. Either way nothing is visible until
 * the job succeeds: files are written under a staging name and published at the end.
 *
 * <p>Concurrent writers to one directory (threads, sessions or processes on one machine) commit
 * one at a time, each replacing the directory's manifest {@code _floe_manifest} in one step: every
 * write that returns has committed and stays visible until a later OVERWRITE replaces it; racing
 * APPENDs all land; the directory never ends up empty or with a mix of two OVERWRITEs, and readers
 * of the directory see one committed set. On object stores ({@code s3://}) only writers in one JVM
 * are serialized this way.
 */
public enum WriteMode {
    /** Add the new files beside the committed ones (a racing write's files included). */
    APPEND,
    /**
     * Replace the directory's files, only once the job has succeeded: the new set becomes visible
     * in one step, then the replaced files are deleted (hidden files and other writers' staging
     * folders are kept).
     */
    OVERWRITE
}
