package dev.floe.translator.physical;

import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;

final class Stages {
    private Stages() {
    }

    /** The operator name: the nodes' one-line descriptions joined by " -> ". */
    static String join(String first, List<StepSpec> steps) {
        List<String> parts = new ArrayList<>();
        if (first != null) {
            parts.add(first);
        }
        for (StepSpec s : steps) {
            parts.add(s.describe());
        }
        return String.join(" -> ", parts);
    }

    /** The largest managed-memory weight among the operator's own and its steps'. */
    static int weight(int own, List<StepSpec> steps) {
        int w = own;
        for (StepSpec s : steps) {
            w = Math.max(w, s.managedMemoryWeight());
        }
        return w;
    }
}
