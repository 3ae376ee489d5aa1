package io.xsync.runtime.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/** Walks exception causes: the one place that knows which exceptions only wrap another. */
public final class Causes {
    private Causes() {
    }

    /** The innermost cause of {@code error} (itself when it has none); safe against cause cycles. */
    public static Throwable innermost(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t.getCause() != null && t.getCause() != t && depth < 100; depth++) {
            t = t.getCause();
        }
        return t;
    }

    /** Whether {@code error} or one of its causes matches {@code test}; safe against cause cycles. */
    public static boolean anyInChain(Throwable error, Predicate<Throwable> test) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < 100; depth++) {
            if (test.test(t)) {
                return true;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return false;
    }

    /**
     * The exception a wrapper stands for: unwraps reflection and concurrency wrappers
     * ({@link InvocationTargetException}, {@link ExecutionException}),
     * so a step's own exception is reported as itself, not as its causes.
     */
    public static Throwable unwrapped(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t && (t instanceof InvocationTargetException
                || t instanceof ExecutionException)) {
            t = t.getCause();
        }
        return t;
    }
}
