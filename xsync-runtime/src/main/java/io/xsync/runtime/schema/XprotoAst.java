package io.xsync.runtime.schema;

import java.nio.file.Path;
import java.util.List;

/** The syntax tree of one xproto file, as written (no inheritance, no validation of names). */
final class XprotoAst {
    private XprotoAst() {
    }

    /** How an option value was written. */
    enum ValueKind { STRING, NUMBER, IDENT }

    /** {@code name = value}, as a file/message option or a field option. */
    record Option(String name, String value, ValueKind kind, SourceRef source, SourceRef valueSource) {
        /** Whether the value is the bare or quoted word {@code True} (any case). */
        boolean isTrue() {
            return "true".equalsIgnoreCase(value);
        }
    }

    /** The link part of a field: {@code site->Site/Through:reverse}; reverse "" when absent, "+" as written. */
    record LinkSpec(LinkKind kind, String peer, SourceRef peerSource, String through,
                    SourceRef throughSource, String reverseName, int reverseNumber) {
    }

    /**
     * One field: a scalar ({@code link == null}, {@code type} set), a link ({@code type == LINK}),
     * or a field whose type is a name ({@code type == null}: an enum or a message, resolved by the
     * schema builder). {@code repeated} fields are parsed but not stored; {@code policy} is the
     * {@code name::policy} suffix or null.
     */
    record Field(String name, boolean required, boolean repeated, FieldType type, String typeKeyword,
                 SourceRef typeSource, int number, List<Option> options, LinkSpec link, String policy,
                 SourceRef source, SourceRef numberSource) {

        Option option(String key) {
            for (Option o : options) {
                if (o.name().equals(key)) {
                    return o;
                }
            }
            return null;
        }
    }

    /** {@code enum Name { A = 0; B = 1; }}: its value names in order. */
    record Enum(String name, List<String> values, SourceRef source) {
    }

    /** {@code message Name::policy (Parent, ...) { ... }}, with the enums declared inside it. */
    record Message(String name, String policy, List<String> parents, List<SourceRef> parentSources,
                   List<Option> options, List<Field> fields, List<Enum> enums, SourceRef source) {
    }

    /**
     * A parsed file: its options, messages and top-level enums, and the warnings about constructs
     * that were read but are not kept (nested messages, services, extensions, ...).
     */
    record File(Path path, List<Option> options, List<Message> messages, List<Enum> enums,
                List<SchemaWarning> warnings) {
    }
}
