package io.xsync.bench;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of {@code bin/xsync-bench}: {@code events|sync|listing|memory [options]}. Each benchmark prints
 * {@code name: value unit} lines.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: xsync-bench events|sync|listing|memory [options]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "sync" -> SyncBench.main(rest);
            case "events" -> run("io.xsync.bench.EventsBench", rest);
            case "listing" -> ListingBench.main(rest);
            case "memory" -> MemoryBench.main(rest);
            default -> {
                System.err.println("unknown benchmark '" + args[0] + "' (events, sync, listing, memory)");
                System.exit(2);
            }
        }
    }

    /** Runs a benchmark class that may live in another helper's part of the module. */
    private static void run(String className, String[] args) throws Exception {
        Method main = Class.forName(className).getMethod("main", String[].class);
        main.invoke(null, (Object) args);
    }
}
