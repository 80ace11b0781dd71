package dev.floe.api;

import dev.floe.api.optimizer.Optimizer;
import dev.floe.api.plan.Cache;
import dev.floe.api.plan.CacheEntry;
import dev.floe.api.plan.CachedSource;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.arrow.BatchFile;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the caches a plan reads before an action runs it: each {@link Cache} whose entry is empty
 * runs its plan as a job of its own (caches inside it first) and keeps the rows as local files,
 * one per partition, which the action then scans.
 *
 * <p>Why Floe's own files and not Flink's cached intermediate results (FLIP-205,
 * {@code DataStream.cache()}): Flink tracks a cached stream inside the
 * {@code StreamExecutionEnvironment} that built it and reuses it only in later jobs of that same
 * environment, while Floe builds a fresh environment (and a fresh job graph from the optimized
 * plan) for each action; the cached partitions also live on the TaskManagers that produced them,
 * so a lost TaskManager loses them, and they cannot be read by a plan that was optimized without
 * knowing they exist. Files written by the client are plain Floe sources: the optimizer sees their
 * size, any later job reads them, and releasing them is deleting a folder. The cost: the result
 * travels to the client once and must be readable where the TaskManagers run (the embedded
 * cluster, or a cluster on the same host).
 */
final class Caching {
    private Caching() {
    }

    /** Fills every empty, unreleased cache the plan reads (depth first). */
    static void fill(LogicalPlan plan, Executor executor) {
        if (plan instanceof Cache c) {
            fill(c.entry(), executor);
            return;
        }
        for (LogicalPlan child : plan.children()) {
            fill(child, executor);
        }
    }

    private static void fill(CacheEntry entry, Executor executor) {
        synchronized (entry) {
            if (entry.source() != null || entry.released()) {
                return;
            }
            fill(entry.plan(), executor);
            LogicalPlan optimized = Optimizer.standard().optimize(entry.plan());
            try (Table table = executor.execute(optimized, "cache")) {
                // a sorted result stays one partition, read in order
                int partitions = DataFrame.isOrdered(optimized) ? 1 : executor.parallelism();
                InMemorySource parts = DataFrame.inMemory("cache", table, partitions);
                Path dir = entry.newFolder();
                List<String> files = new ArrayList<>();
                long bytes = 0;
                for (int p = 0; p < parts.partitions().size(); p++) {
                    List<EncodedBatch> batches = parts.partitions().get(p);
                    if (!batches.isEmpty()) {
                        Path file = dir.resolve("part-" + p + ".arrows");
                        bytes += BatchFile.write(file, batches);
                        files.add(file.toString());
                    }
                }
                entry.fill(new CachedSource("cache #" + entry.id(), table.schema(), files, table.numRows(), bytes));
            } catch (IOException e) {
                throw new ExecutionException("Cannot keep cache #" + entry.id() + " in " + System.getProperty(
                        "java.io.tmpdir") + ": " + e.getMessage() + "; set java.io.tmpdir to a writable folder", e);
            }
        }
    }
}
