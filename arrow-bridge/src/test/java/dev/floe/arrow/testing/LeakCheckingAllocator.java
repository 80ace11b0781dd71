package dev.floe.arrow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.arrow.Allocators;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A child allocator for one test that fails the test if anything is still allocated when it
 * closes, naming the allocator and the bytes outstanding.
 */
public final class LeakCheckingAllocator implements AutoCloseable {
    private final BufferAllocator allocator;

    public LeakCheckingAllocator(String name) {
        this.allocator = Allocators.child("test:" + name, Long.MAX_VALUE);
    }

    public BufferAllocator get() {
        return allocator;
    }

    @Override
    public void close() {
        long outstanding = allocator.getAllocatedMemory();
        try {
            assertThat(outstanding).as("bytes still allocated in %s: %s", allocator.getName(),
                    allocator.toVerboseString()).isZero();
        } finally {
            allocator.close();
        }
    }
}
