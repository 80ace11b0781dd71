package dev.floe.translator.flink;

import dev.floe.api.plan.CachedSource;
import dev.floe.api.plan.FileSource;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.ScanSource;
import dev.floe.arrow.EncodedBatch;
import dev.floe.operators.source.CachedPayload;
import dev.floe.operators.source.CachedSplitOpener;
import dev.floe.operators.source.FloeSplit;
import dev.floe.operators.source.MemoryPayload;
import dev.floe.operators.source.MemorySplitOpener;
import dev.floe.operators.source.SplitOpener;
import dev.floe.translator.physical.FileScanPlan;
import java.util.ArrayList;
import java.util.List;

/** The splits of a source and the opener that reads them, for the columns a scan needs. */
record SourceSplits(List<FloeSplit> splits, SplitOpener opener) {

    static SourceSplits of(ScanSource source, List<String> readColumns) {
        return of(source, readColumns, null, FileSplits.DEFAULT_SPLIT_SIZE);
    }

    /**
     * @param filePlan  the pruned files and row groups of a file source (null = plan them here)
     * @param splitSize the largest byte range of a CSV / JSON-lines file one split reads
     */
    static SourceSplits of(ScanSource source, List<String> readColumns, FileScanPlan filePlan, long splitSize) {
        return source.accept(new ScanSource.Visitor<>() {
            @Override
            public SourceSplits visitInMemory(InMemorySource mem) {
                List<FloeSplit> splits = new ArrayList<>();
                List<List<EncodedBatch>> parts = mem.partitions();
                for (int i = 0; i < parts.size(); i++) {
                    if (!parts.get(i).isEmpty()) {
                        splits.add(new FloeSplit(mem.name() + "-" + i, new MemoryPayload(i, parts.get(i))));
                    }
                }
                return new SourceSplits(splits, new MemorySplitOpener(mem.schema(), readColumns));
            }

            @Override
            public SourceSplits visitCached(CachedSource cached) {
                List<FloeSplit> splits = new ArrayList<>();
                for (int i = 0; i < cached.files().size(); i++) {
                    splits.add(new FloeSplit(cached.name() + "-" + i, new CachedPayload(i, cached.files().get(i))));
                }
                return new SourceSplits(splits, new CachedSplitOpener(cached.schema(), readColumns));
            }

            @Override
            public SourceSplits visitFiles(FileSource files) {
                return FileSplits.of(files, readColumns, filePlan, splitSize);
            }
        });
    }
}
