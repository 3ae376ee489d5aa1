package io.xsync.runtime.schema;

import java.util.List;
import java.util.Map;

/**
 * One stored field of a model (a column). A manytoone/onetoone link appears both as a
 * {@link LinkDef} and as a field of type {@link FieldType#LINK} named {@code <link>_id}.
 *
 * @param name         the column / field name (links: {@code site_id})
 * @param type         the storage type
 * @param number       the xproto field number (0 for base fields); carries no storage meaning
 * @param required     declared {@code required}
 * @param options      every option as written (values unquoted), including ignored ones
 * @param defaultValue the default converted to the field's Java type, or null
 * @param nullable     whether null may be stored ({@code null = True}, or optional links)
 * @param maxLength    {@code max_length}, or 0 when none
 * @param choices      allowed values from {@code choices}, empty when unrestricted
 * @param feedbackState    written only by synchronizer code
 * @param bookkeepingState bookkeeping: does not count as a real change
 * @param base         one of the built-in base fields of {@link BaseFields} (extra fields that an
 *                     xproto {@code XOSBase} declares come right after them but are not flagged)
 * @param link         the link this column belongs to, or null
 */
public record FieldDef(String name, FieldType type, int number, boolean required,
                       Map<String, String> options, Object defaultValue, boolean nullable,
                       int maxLength, List<String> choices, boolean feedbackState,
                       boolean bookkeepingState, boolean base, LinkDef link, SourceRef source) {

    /** An option as written, or null. */
    public String option(String key) {
        return options.get(key);
    }

    /** Whether {@code unique = True}. */
    public boolean unique() {
        return "True".equals(options.get("unique"));
    }
}
