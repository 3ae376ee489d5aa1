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
 * Recursive-descent parser for the xproto subset of DESIGN §2:
 * <pre>
 * file    := (option | message | policy | ';')*
 * option  := 'option' NAME '=' value ';'
 * policy  := 'policy' NAME '&lt;' ... '&gt;'
 * message := 'message' NAME ('::' NAME)? ('(' NAME (',' NAME)* ')')? '{' (option | field | ';')* '}'
 * field   := ('required'|'optional') (SCALAR NAME | LINKKIND NAME '-&gt;' NAME ('/' NAME)? (':' (NAME|'+'))?)
 *            '=' NUMBER (':' NUMBER)? ('[' (NAME '=' value (',' NAME '=' value)*)? ','? ']')? ';'
 * value   := STRING | NUMBER | NAME
 * </pre>
 */
final class XprotoParser {
    private final Path file;
    private final XprotoLexer lexer;
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
        while (tok.kind() != XprotoToken.Kind.EOF) {
            if (tok.isIdent("option")) {
                options.add(optionStatement());
            } else if (tok.isIdent("message")) {
                messages.add(message());
            } else if (tok.isIdent("policy")) {
                policy();
            } else if (tok.isPunct(";")) {
                advance();
            } else {
                throw unexpected("'message', 'option' or 'policy'", "at top level");
            }
        }
        return new XprotoAst.File(file, options, messages);
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
        expectPunct("{", "to open the body of message '" + name.text() + "'");
        List<Option> options = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        while (!tok.isPunct("}")) {
            if (tok.isIdent("option")) {
                options.add(optionStatement());
            } else if (tok.isIdent("required") || tok.isIdent("optional")) {
                fields.add(field());
            } else if (tok.isPunct(";")) {
                advance();
            } else {
                throw unexpected("'required', 'optional', 'option' or '}'",
                        "in message '" + name.text() + "'");
            }
        }
        advance();
        return new Message(name.text(), policy, parents, parentSources, options, fields, ref(start));
    }

    private void parents(List<String> names, List<SourceRef> sources) {
        advance();
        if (tok.isPunct(")")) {
            advance();
            return;
        }
        while (true) {
            XprotoToken p = expectName("parent model name", "in parent list");
            names.add(p.text());
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
        advance();
        XprotoToken typeTok = expectName("a field type", "after '" + start.text() + "'");
        FieldType type = FieldType.ofXproto(typeTok.text());
        LinkKind linkKind = LinkKind.ofXproto(typeTok.text());
        if (type == null && linkKind == null) {
            throw new XprotoException(ref(typeTok), "unknown field type '" + typeTok.text()
                    + "' (expected string, int32, uint32, int64, bool, float, double, manytoone,"
                    + " onetoone or manytomany)");
        }
        XprotoToken name = expectName("field name", "after type '" + typeTok.text() + "'");
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
        return new Field(name.text(), required, link == null ? type : FieldType.LINK, typeTok.text(),
                number, options, link, ref(start), ref(numberTok));
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
                advance();
            } else {
                reverse = expectName("reverse name or '+'", "after ':'").text();
            }
        }
        return new LinkSpec(kind, peer.text(), ref(peer), through, throughSource, reverse, 0);
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
