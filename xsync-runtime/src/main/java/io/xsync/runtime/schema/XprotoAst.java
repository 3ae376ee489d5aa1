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

    /** The link part of a field: {@code site->Site/Through:reverse}. */
    record LinkSpec(LinkKind kind, String peer, SourceRef peerSource, String through,
                    SourceRef throughSource, String reverseName, int reverseNumber) {
    }

    /**
     * One field: a scalar ({@code link == null}, {@code type} set) or a link ({@code type == LINK}).
     */
    record Field(String name, boolean required, FieldType type, String typeKeyword, int number,
                 List<Option> options, LinkSpec link, SourceRef source, SourceRef numberSource) {

        Option option(String key) {
            for (Option o : options) {
                if (o.name().equals(key)) {
                    return o;
                }
            }
            return null;
        }
    }

    /** {@code message Name::policy (Parent, ...) { ... }}. */
    record Message(String name, String policy, List<String> parents, List<SourceRef> parentSources,
                   List<Option> options, List<Field> fields, SourceRef source) {
    }

    /** A parsed file. */
    record File(Path path, List<Option> options, List<Message> messages) {
    }
}
