package io.xsync.runtime.schema;

import io.xsync.runtime.schema.XprotoAst.Field;
import io.xsync.runtime.schema.XprotoAst.LinkSpec;
import io.xsync.runtime.schema.XprotoAst.Message;
import io.xsync.runtime.schema.XprotoAst.Option;
import io.xsync.runtime.schema.XprotoAst.ValueKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for xproto, the grammar XOS accepts:
 * <pre>
 * file    := (package | import | option | message | enum | service | extend | policy | ';')*
 * package := 'package' NAME ';'                    (ignored: every file of models_dir loads)
 * import  := 'import' STRING ';'                   (ignored, for the same reason)
 * option  := 'option' NAME '=' value ';'
 * policy  := 'policy' NAME '&lt;' ... '&gt;'              (skipped)
 * enum    := 'enum' NAME '{' (NAME '=' NUMBER ';' | option | ';')* '}'
 * service := 'service' NAME '{' ... '}'             (skipped with a warning)
 * extend  := 'extend' NAME '{' body '}'              (skipped with a warning)
 * message := 'message' NAME ('::' NAME)? ('(' NAME (',' NAME)* ')')? '{' body '}'
 * body    := (option | field | enum | message | extend | 'extensions' NUMBER 'to' (NUMBER|'max') ';' | ';')*
 * field   := ('required'|'optional'|'repeated') (TYPE NAME ('::' NAME)?
 *            | LINKKIND NAME ('::' NAME)? '-&gt;' NAME ('/' NAME)? (':' (NAME|'+'))?)
 *            '=' NUMBER (':' NUMBER)? ('[' (NAME '=' value (',' NAME '=' value)*)? ','? ']')? ';'
 * value   := STRING | NUMBER | NAME
 * </pre>
 * A nested message is parsed and ignored with a warning (it is not a model); TYPE is a scalar
 * type name or the name of an enum (kept as the field's choices) or message.
 */
final class XprotoParser {
    private final Path file;
    private final XprotoLexer lexer;
    private final List<SchemaWarning> warnings = new ArrayList<>();
    private XprotoToken tok;

    private XprotoParser(Path file, String text) {
        this.file = file;
        this.lexer = new XprotoLexer(file, text);
        this.tok = lexer.next();
    }

    /** Parses one file's text; {@code file} is used in positions only. */
    static XprotoAst.File parse(Path file, String text) {
        return new XprotoParser(file, text).file();
    }

    private XprotoAst.File file() {
        List<Option> options = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        List<XprotoAst.Enum> enums = new ArrayList<>();
        while (tok.kind() != XprotoToken.Kind.EOF) {
            if (tok.isIdent("option")) {
                options.add(optionStatement());
            } else if (tok.isIdent("message")) {
                messages.add(message());
            } else if (tok.isIdent("enum")) {
                enums.add(enumDefinition());
            } else if (tok.isIdent("policy")) {
                policy();
            } else if (tok.isIdent("package")) {
                advance();
                expectName("package name", "after 'package'");
                expectPunct(";", "after package name");
            } else if (tok.isIdent("import")) {
                advance();
                if (tok.kind() != XprotoToken.Kind.STRING) {
                    throw unexpected("a quoted file name", "after 'import'");
                }
                advance();
                expectPunct(";", "after imported file name");
            } else if (tok.isIdent("service")) {
                service();
            } else if (tok.isIdent("extend")) {
                extend();
            } else if (tok.isPunct(";")) {
                advance();
            } else {
                throw unexpected("'message', 'option', 'enum' or 'policy'", "at top level");
            }
        }
        return new XprotoAst.File(file, options, messages, enums, warnings);
    }

    private void policy() {
        advance();
        expectName("policy name", "after 'policy'");
        if (!tok.isPunct("<")) {
            throw unexpected("'<'", "after policy name");
        }
        // the lexer stands right after '<': skip the body raw, then resume tokenizing
        lexer.skipPolicyBody(tok);
        advance();
    }

    /** {@code service Name { rpc ... }}: skipped up to its matching brace. */
    private void service() {
        XprotoToken start = tok;
        advance();
        XprotoToken name = expectName("service name", "after 'service'");
        expectPunct("{", "to open the body of service '" + name.text() + "'");
        int depth = 1;
        while (depth > 0) {
            if (tok.kind() == XprotoToken.Kind.EOF) {
                throw new XprotoException(ref(start), "service '" + name.text() + "' is not closed with '}'");
            }
            if (tok.isPunct("{")) {
                depth++;
            } else if (tok.isPunct("}")) {
                depth--;
            }
            advance();
        }
        warn(start, "ignored service", "service '" + name.text() + "' is ignored (rpc definitions are not used)");
    }

    /** {@code extend Name { fields }}: parsed and ignored. */
    private void extend() {
        XprotoToken start = tok;
        advance();
        XprotoToken name = expectName("extended message name", "after 'extend'");
        body(name.text(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        warn(start, "ignored extend", "'extend " + name.text() + "' is ignored (extensions are not stored)");
    }

    private XprotoAst.Enum enumDefinition() {
        XprotoToken start = tok;
        advance();
        XprotoToken name = expectName("enum name", "after 'enum'");
        expectPunct("{", "to open the body of enum '" + name.text() + "'");
        List<String> values = new ArrayList<>();
        while (!tok.isPunct("}")) {
            if (tok.isIdent("option")) {
                optionStatement();
            } else if (tok.isPunct(";")) {
                advance();
            } else {
                XprotoToken value = expectName("an enum value name or '}'", "in enum '" + name.text() + "'");
                expectPunct("=", "after enum value '" + value.text() + "'");
                integer("enum value number", "after '='");
                skipFieldOptions();
                expectPunct(";", "after enum value number");
                values.add(value.text());
            }
        }
        advance();
        return new XprotoAst.Enum(name.text(), values, ref(start));
    }

    private void skipFieldOptions() {
        if (tok.isPunct("[")) {
            fieldOptions();
        }
    }

    private Option optionStatement() {
        advance();
        Option o = option("after 'option'");
        expectPunct(";", "after option value");
        return o;
    }

    private Option option(String context) {
        XprotoToken name = expectName("option name", context);
        expectPunct("=", "after option name '" + name.text() + "'");
        XprotoToken value = tok;
        ValueKind kind;
        switch (value.kind()) {
            case STRING: kind = ValueKind.STRING; break;
            case NUMBER: kind = ValueKind.NUMBER; break;
            case IDENT: kind = ValueKind.IDENT; break;
            default: throw unexpected("an option value (string, number or name)",
                    "for option '" + name.text() + "'");
        }
        advance();
        return new Option(name.text(), value.text(), kind, ref(name), ref(value));
    }

    private Message message() {
        XprotoToken start = tok;
        advance();
        XprotoToken name = expectName("message name", "after 'message'");
        String policy = null;
        if (tok.isPunct("::")) {
            advance();
            policy = expectName("policy name", "after '::'").text();
        }
        List<String> parents = new ArrayList<>();
        List<SourceRef> parentSources = new ArrayList<>();
        if (tok.isPunct("(")) {
            parents(parents, parentSources);
        }
        List<Option> options = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        List<XprotoAst.Enum> enums = new ArrayList<>();
        body(name.text(), options, fields, enums);
        return new Message(name.text(), policy, parents, parentSources, options, fields, enums, ref(start));
    }

    /** {@code '{' ... '}'} of a message or extend block. */
    private void body(String owner, List<Option> options, List<Field> fields, List<XprotoAst.Enum> enums) {
        expectPunct("{", "to open the body of message '" + owner + "'");
        while (!tok.isPunct("}")) {
            if (tok.isIdent("option")) {
                options.add(optionStatement());
            } else if (tok.isIdent("required") || tok.isIdent("optional") || tok.isIdent("repeated")) {
                fields.add(field());
            } else if (tok.isIdent("enum")) {
                enums.add(enumDefinition());
            } else if (tok.isIdent("message")) {
                XprotoToken at = tok;
                Message nested = message();
                warn(at, "ignored nested message", "message '" + nested.name() + "' nested in '" + owner
                        + "' is ignored (only top-level messages are models)");
            } else if (tok.isIdent("extend")) {
                extend();
            } else if (tok.isIdent("extensions")) {
                extensions(owner);
            } else if (tok.isPunct(";")) {
                advance();
            } else {
                throw unexpected("'required', 'optional', 'option' or '}'", "in message '" + owner + "'");
            }
        }
        advance();
    }

    /** {@code extensions N to max;} or {@code extensions N to M;}: ignored. */
    private void extensions(String owner) {
        XprotoToken start = tok;
        advance();
        integer("first extension number", "after 'extensions'");
        if (!tok.isIdent("to")) {
            throw unexpected("'to'", "after the first extension number");
        }
        advance();
        if (tok.isIdent("max")) {
            advance();
        } else {
            integer("last extension number or 'max'", "after 'to'");
        }
        expectPunct(";", "after the extension range");
        warn(start, "ignored extensions", "extension range of message '" + owner + "' is ignored");
    }

    private void parents(List<String> names, List<SourceRef> sources) {
        advance();
        if (tok.isPunct(")")) {
            advance();
            return;
        }
        while (true) {
            XprotoToken p = expectName("parent model name", "in parent list");
            names.add(simpleName(p.text()));
            sources.add(ref(p));
            if (tok.isPunct(")")) {
                advance();
                return;
            }
            expectPunct(",", "between parent names");
        }
    }

    private Field field() {
        XprotoToken start = tok;
        boolean required = tok.isIdent("required");
        boolean repeated = tok.isIdent("repeated");
        advance();
        XprotoToken typeTok = expectName("a field type", "after '" + start.text() + "'");
        FieldType type = FieldType.ofXproto(typeTok.text());
        LinkKind linkKind = LinkKind.ofXproto(typeTok.text());
        XprotoToken name = expectName("field name", "after type '" + typeTok.text() + "'");
        String policy = null;
        if (tok.isPunct("::")) {
            advance();
            policy = expectName("policy name", "after '::'").text();
        }
        LinkSpec link = linkKind == null ? null : linkSpec(linkKind, name.text());
        expectPunct("=", "after field name '" + name.text() + "'");
        XprotoToken numberTok = tok;
        int number = integer("field number", "after '='");
        int reverseNumber = 0;
        if (link != null && tok.isPunct(":")) {
            advance();
            reverseNumber = integer("reverse field number", "after ':'");
        }
        if (link != null) {
            link = new LinkSpec(link.kind(), link.peer(), link.peerSource(), link.through(),
                    link.throughSource(), link.reverseName(), reverseNumber);
        }
        boolean bracketed = tok.isPunct("[");
        List<Option> options = bracketed ? fieldOptions() : List.of();
        expectPunct(";", bracketed ? "after field options" : "after field number");
        return new Field(name.text(), required, repeated, link == null ? type : FieldType.LINK, typeTok.text(),
                ref(typeTok), number, options, link, policy, ref(start), ref(numberTok));
    }

    private LinkSpec linkSpec(LinkKind kind, String fieldName) {
        expectPunct("->", "after link field name '" + fieldName + "'");
        XprotoToken peer = expectName("linked model name", "after '->'");
        String through = null;
        SourceRef throughSource = null;
        if (tok.isPunct("/")) {
            advance();
            XprotoToken t = expectName("through model name", "after '/'");
            through = t.text();
            throughSource = ref(t);
        }
        String reverse = "";
        if (tok.isPunct(":")) {
            advance();
            if (tok.isPunct("+")) {
                reverse = "+";
                advance();
            } else {
                reverse = expectName("reverse name or '+'", "after ':'").text();
            }
        }
        return new LinkSpec(kind, simpleName(peer.text()), ref(peer), through == null ? null : simpleName(through),
                throughSource, reverse, 0);
    }

    private List<Option> fieldOptions() {
        advance();
        List<Option> options = new ArrayList<>();
        while (!tok.isPunct("]")) {
            options.add(option("in field options"));
            if (tok.isPunct(",")) {
                advance();
            } else if (!tok.isPunct("]")) {
                throw unexpected("',' or ']'", "after field option value");
            }
        }
        advance();
        return options;
    }

    private int integer(String what, String context) {
        if (tok.kind() != XprotoToken.Kind.NUMBER) {
            throw unexpected(what, context);
        }
        try {
            int n = Integer.parseInt(tok.text());
            advance();
            return n;
        } catch (NumberFormatException e) {
            throw new XprotoException(ref(tok), "expected an integer " + what + ", found " + tok.describe());
        }
    }

    private XprotoToken expectName(String what, String context) {
        if (tok.kind() != XprotoToken.Kind.IDENT) {
            throw unexpected(what, context);
        }
        XprotoToken t = tok;
        advance();
        return t;
    }

    private XprotoToken expectPunct(String p, String context) {
        if (!tok.isPunct(p)) {
            throw unexpected("'" + p + "'", context);
        }
        XprotoToken t = tok;
        advance();
        return t;
    }

    /** A model name without its package prefix: {@code core.Site} names {@code Site}. */
    private static String simpleName(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private void warn(XprotoToken at, String kind, String message) {
        warnings.add(new SchemaWarning(ref(at), kind, message));
    }

    private XprotoException unexpected(String expected, String context) {
        return new XprotoException(ref(tok), "expected " + expected + " " + context + ", found " + tok.describe());
    }

    private void advance() {
        tok = lexer.next();
    }

    private SourceRef ref(XprotoToken t) {
        return new SourceRef(file, t.line(), t.column());
    }
}
