package io.xsync.runtime.schema;

/**
 * Something in the xproto files that loads but is not used as written: a construct that is
 * ignored, a declaration that is overridden, a type stored as a near one.
 *
 * @param where   file, line and column
 * @param kind    what kind of warning it is, in a few words; warnings of one kind may be shown grouped
 * @param message the full sentence, naming the model and field concerned
 */
public record SchemaWarning(SourceRef where, String kind, String message) {

    /** {@code file:line:col: message}. */
    @Override
    public String toString() {
        return where + ": " + message;
    }
}
