package dev.floe.operators.source;

import dev.floe.api.ExecutionException;
import dev.floe.api.types.Schema;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.formats.ScanMetrics;
import dev.floe.operators.runtime.OperatorRuntime;
import dev.floe.operators.runtime.StepMetrics;
import dev.floe.operators.runtime.SubtaskFigures;
import dev.floe.operators.step.Pipeline;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.RichSourceReaderContext;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;

/**
 * Reads one split at a time on the task thread: opens it, pulls a batch, runs the pipeline,
 * encodes and emits. Asks the enumerator for the next split when one is done.
 */
final class FloeSourceReader implements SourceReader<EncodedBatch, FloeSplit> {
    private final SourceReaderContext context;
    private final SplitOpener opener;
    private final Schema readSchema;
    private final List<StepSpec> steps;
    private final String name;
    private final long memoryBudget;
    private final ArrayDeque<FloeSplit> pending = new ArrayDeque<>();
    private final Counter rowGroupsRead;
    private final Counter columnsDecoded;
    private final Counter bytesRead;
    private final ScanMetrics scanMetrics = new ScanMetrics();
    /** What this reader read over all its splits, for the client's figures. */
    private final ScanMetrics scanTotals = new ScanMetrics();

    private OperatorRuntime runtime;
    /** The scan's own figures (step 0: rows decoded from files); the fused steps are steps 1.. */
    private final StepMetrics scan;
    private Pipeline pipeline;
    private FloeSplit current;
    private SplitOpener.BatchIterator batches;
    private boolean noMoreSplits;
    private boolean awaitingSplit;
    private boolean finishedSteps;
    private boolean emitted;
    private ReaderOutput<EncodedBatch> output;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    FloeSourceReader(SourceReaderContext context, SplitOpener opener, Schema readSchema, List<StepSpec> steps,
            String name, long memoryBudget) {
        this.context = context;
        this.opener = opener;
        this.readSchema = readSchema;
        this.steps = steps;
        this.name = name;
        this.memoryBudget = memoryBudget;
        this.scan = new StepMetrics(name);
        this.rowGroupsRead = context.metricGroup().counter("floeRowGroupsRead");
        this.columnsDecoded = context.metricGroup().counter("floeColumnChunksDecoded");
        this.bytesRead = context.metricGroup().counter("floeBytesRead");
    }

    @Override
    public void start() {
        runtime = OperatorRuntime.unmanaged("source[" + context.getIndexOfSubtask() + "] " + name,
                context.metricGroup(), memoryBudget, context.getIndexOfSubtask());
        runtime.register(scan);
        reportFigures();
        var send = runtime.sender(e -> {
            output.collect(e);
            emitted = true;
        });
        pipeline = runtime.pipeline(steps, runtime.context(), send);
        scan.emitsInto(steps.isEmpty() ? pipeline.output() : pipeline.metrics().get(0));
        requestSplit();
    }

    /**
     * The client's explain-analyze figures travel as an accumulator, which a source reader reaches
     * through the runtime context Flink's source operator gives it (a plain context has none: then
     * the figures of this scan are missing, and nothing else changes).
     */
    private void reportFigures() {
        if (context instanceof RichSourceReaderContext rich
                && rich.getRuntimeContext() instanceof StreamingRuntimeContext streaming) {
            runtime.extras(() -> Map.of(SubtaskFigures.ROW_GROUPS_READ, scanTotals.rowGroupsRead,
                    SubtaskFigures.BYTES_READ, scanTotals.bytesRead, SubtaskFigures.COLUMNS_DECODED, scanTotals.columnsDecoded));
            runtime.reportTo(streaming, streaming.getOperatorUniqueID());
        }
    }

    private InputStatus end() {
        if (!finishedSteps) {
            finishedSteps = true;
            // the scan's figures are inclusive of the steps it feeds, their end of input included:
            // else its own time and spill (inclusive minus theirs) would come out negative
            long spilled = runtime.spill().bytesWritten();
            long start = System.nanoTime();
            long cpu = StepMetrics.cpuNow();
            pipeline.finish();
            scan.called(System.nanoTime() - start, StepMetrics.cpuNow() - cpu, runtime.spill().bytesWritten() - spilled);
            runtime.completed();
        }
        return InputStatus.END_OF_INPUT;
    }

    private void requestSplit() {
        awaitingSplit = true;
        context.sendSplitRequest();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<EncodedBatch> readerOutput) throws Exception {
        output = readerOutput;
        while (true) {
            if (batches == null) {
                if (pipeline.finished()) {
                    // a satisfied limit: no further split can contribute a row
                    pending.clear();
                    return noMoreSplits ? end() : awaitMoreOrEnd();
                }
                current = pending.poll();
                if (current == null) {
                    return noMoreSplits ? end() : awaitMoreOrEnd();
                }
                batches = openSplit(current);
            }
            if (!batches.hasNext() || pipeline.finished()) {
                closeSplit();
                requestSplit();
                continue;
            }
            long spilled = runtime.spill().bytesWritten();
            long start = System.nanoTime();
            long cpu = StepMetrics.cpuNow();
            RecordBatch batch = nextBatch();
            scan.batchIn(batch.numRows());
            emitted = false;
            pipeline.push(batch);
            scan.called(System.nanoTime() - start, StepMetrics.cpuNow() - cpu, runtime.spill().bytesWritten() - spilled);
            if (emitted) {
                return InputStatus.MORE_AVAILABLE;
            }
        }
    }

    private InputStatus awaitMoreOrEnd() {
        if (!awaitingSplit) {
            requestSplit();
        }
        if (available.isDone()) {
            available = new CompletableFuture<>();
        }
        return InputStatus.NOTHING_AVAILABLE;
    }

    private SplitOpener.BatchIterator openSplit(FloeSplit split) {
        runtime.partition().startPartition(split.ordinal());
        try {
            return opener.open(split.payload(), runtime.allocator(), scanMetrics);
        } catch (ExecutionException e) {
            throw e;
        } catch (Exception e) {
            throw new ExecutionException("Failed to open " + split.payload().describe() + " in '" + name + "': "
                    + e.getMessage(), e);
        }
    }

    private RecordBatch nextBatch() {
        try {
            return batches.next();
        } catch (ExecutionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ExecutionException("Failed to read " + current.payload().describe() + " in '" + name + "': "
                    + e.getMessage(), e);
        }
    }

    private void closeSplit() throws Exception {
        if (batches != null) {
            SplitOpener.BatchIterator b = batches;
            batches = null;
            current = null;
            try {
                b.close();
            } finally {
                publishScanMetrics();
            }
        }
    }

    /** File readers count into {@code scanMetrics}; after each split the counts go to Flink and the JVM totals. */
    private void publishScanMetrics() {
        rowGroupsRead.inc(scanMetrics.rowGroupsRead);
        columnsDecoded.inc(scanMetrics.columnsDecoded);
        bytesRead.inc(scanMetrics.bytesRead);
        scanTotals.add(scanMetrics);
        scanMetrics.publish();
        scanMetrics.reset();
    }

    @Override
    public List<FloeSplit> snapshotState(long checkpointId) {
        return List.copyOf(pending);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void addSplits(List<FloeSplit> splits) {
        pending.addAll(splits);
        awaitingSplit = false;
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        awaitingSplit = false;
        available.complete(null);
    }

    @Override
    public void close() throws Exception {
        try {
            closeSplit();
        } finally {
            if (runtime != null) {
                runtime.close();
            }
        }
    }
}
