package dev.floe.operators.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/** Hands out splits one at a time to whichever reader asks, so faster readers take more. */
final class SplitQueueEnumerator implements SplitEnumerator<FloeSplit, ArrayList<FloeSplit>> {
    private final SplitEnumeratorContext<FloeSplit> context;
    private final ArrayDeque<FloeSplit> remaining;

    SplitQueueEnumerator(SplitEnumeratorContext<FloeSplit> context, Collection<FloeSplit> splits) {
        this.context = context;
        this.remaining = new ArrayDeque<>(splits);
    }

    @Override
    public void start() {
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        FloeSplit next = remaining.poll();
        if (next != null) {
            context.assignSplit(next, subtaskId);
        } else {
            context.signalNoMoreSplits(subtaskId);
        }
    }

    @Override
    public void addSplitsBack(List<FloeSplit> splits, int subtaskId) {
        remaining.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
    }

    @Override
    public ArrayList<FloeSplit> snapshotState(long checkpointId) {
        return new ArrayList<>(remaining);
    }

    @Override
    public void close() {
    }
}
