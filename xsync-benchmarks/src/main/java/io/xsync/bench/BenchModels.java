package io.xsync.bench;

import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.XprotoLoader;

/** The seed's model, MyModel, that the event benchmarks store their events as. */
final class BenchModels {
    private static final String MODELS = "message MyModel {\n"
            + "  required string first_name = 1 [max_length = 100, db_index = True];\n"
            + "  required string last_name = 2 [max_length = 100];\n"
            + "}\n";

    private BenchModels() {
    }

    /** The schema holding MyModel. */
    static Schema schema() {
        return XprotoLoader.loadText("bench.xproto", MODELS);
    }
}
