package dev.floe.arrow;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The process-wide root allocator. Operators and clients take child allocators from it with
 * their own limits and names, so that accounting and leak checks are per owner.
 */
public final class Allocators {
    private static final RootAllocator ROOT = new RootAllocator(Long.MAX_VALUE);

    private Allocators() {
    }

    public static BufferAllocator root() {
        return ROOT;
    }

    /** A named child allocator with a byte limit; close it when done (it fails if anything leaked). */
    public static BufferAllocator child(String name, long limit) {
        return ROOT.newChildAllocator(name, 0, limit);
    }
}
