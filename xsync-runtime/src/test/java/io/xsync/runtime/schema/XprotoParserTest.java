package io.xsync.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.runtime.schema.XprotoAst.Field;
import io.xsync.runtime.schema.XprotoAst.Message;
import io.xsync.runtime.schema.XprotoAst.Option;
import io.xsync.runtime.schema.XprotoAst.ValueKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Syntax-level checks of the parser: the tree it builds for each construct. */
class XprotoParserTest {
    private static final Path FILE = Path.of("t.xproto");

    private static XprotoAst.File parse(String text) {
        return XprotoParser.parse(FILE, text);
    }

    @Test
    void fileOptionsKeepEveryValueForm() {
        XprotoAst.File f = parse("option a = \"dq\";\noption b = 'sq';\noption c = 42;\noption d = -1.5e3;\n"
                + "option e = True;\noption g = None;\noption h = some_name;\noption i = pkg.mod.Cls;\n");
        assertThat(f.options()).extracting(Option::name, Option::value, Option::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "dq", ValueKind.STRING),
                org.assertj.core.groups.Tuple.tuple("b", "sq", ValueKind.STRING),
                org.assertj.core.groups.Tuple.tuple("c", "42", ValueKind.NUMBER),
                org.assertj.core.groups.Tuple.tuple("d", "-1.5e3", ValueKind.NUMBER),
                org.assertj.core.groups.Tuple.tuple("e", "True", ValueKind.IDENT),
                org.assertj.core.groups.Tuple.tuple("g", "None", ValueKind.IDENT),
                org.assertj.core.groups.Tuple.tuple("h", "some_name", ValueKind.IDENT),
                org.assertj.core.groups.Tuple.tuple("i", "pkg.mod.Cls", ValueKind.IDENT));
        assertThat(f.options().get(1).valueSource()).isEqualTo(new SourceRef(FILE, 2, 12));
    }

    @Test
    void stringsUnescapeAndMayContainTheOtherQuote() {
        XprotoAst.File f = parse("option a = \"it's \\\"x\\\"\";\noption b = 'say \"hi\"';\n");
        assertThat(f.options()).extracting(Option::value).containsExactly("it's \"x\"", "say \"hi\"");
    }

    @Test
    void commentsMayAppearAnywhere() {
        Message m = parse("// head\nmessage /* name: */ A // trailing\n( B /* parent */ ) {\n"
                + "  required /* mod */ string // type\n  name = /* n */ 1 [ // opts\n default = \"x\" // v\n ];\n"
                + "}\n// tail").messages().get(0);
        assertThat(m.name()).isEqualTo("A");
        assertThat(m.parents()).containsExactly("B");
        assertThat(m.fields().get(0).name()).isEqualTo("name");
        assertThat(m.fields().get(0).option("default").value()).isEqualTo("x");
    }

    @Test
    void emptyBodiesEmptyParentListsAndStraySemicolons() {
        XprotoAst.File f = parse("message A {}\nmessage B () { ; };\n;message C (A) {\n}\n");
        assertThat(f.messages()).extracting(Message::name).containsExactly("A", "B", "C");
        assertThat(f.messages().get(1).parents()).isEmpty();
        assertThat(f.messages().get(2).fields()).isEmpty();
    }

    @Test
    void policySuffixAndParents() {
        Message m = parse("message Slice::slice_policy (XOSBase, Mixin) {}").messages().get(0);
        assertThat(m.policy()).isEqualTo("slice_policy");
        assertThat(m.parents()).containsExactly("XOSBase", "Mixin");
        assertThat(m.parentSources().get(1)).isEqualTo(new SourceRef(FILE, 1, 39));
    }

    @Test
    void policyStatementsAreSkippedEvenAcrossLinesWithArrowsAndNesting() {
        XprotoAst.File f = parse("policy p1 < ctx.user.is_admin >\n"
                + "policy p2 <\n  exists X: X.a = obj -> (X.b = \"a > b\")\n  & < nested > // '>' in a comment\n>\n"
                + "message A {}\npolicy p3 < a -> b >");
        assertThat(f.messages()).extracting(Message::name).containsExactly("A");
        assertThat(f.messages().get(0).source()).isEqualTo(new SourceRef(FILE, 6, 1));
    }

    @Test
    void scalarFieldWithAndWithoutOptions() {
        Message m = parse("message A {\n required string a = 1;\n optional int32 b = 2 [];\n"
                + " optional uint32 c = 3 [default = 7, db_index = True,];\n}").messages().get(0);
        Field a = m.fields().get(0);
        assertThat(a.required()).isTrue();
        assertThat(a.type()).isEqualTo(FieldType.STRING);
        assertThat(a.number()).isEqualTo(1);
        assertThat(a.options()).isEmpty();
        assertThat(a.link()).isNull();
        assertThat(m.fields().get(1).options()).isEmpty();
        Field c = m.fields().get(2);
        assertThat(c.required()).isFalse();
        assertThat(c.type()).isEqualTo(FieldType.UINT32);
        assertThat(c.options()).extracting(Option::name).containsExactly("default", "db_index");
    }

    @Test
    void linksWithAllOptionalParts() {
        Message m = parse("message A {\n"
                + " required manytoone site->Site:users = 10:1001 [db_index = True];\n"
                + " optional manytoone owner->User = 11;\n"
                + " optional onetoone twin->A:+ = 12:1002;\n"
                + " required manytomany peers->Peer/PeerLink:peers_of = 2:1003;\n}").messages().get(0);
        Field site = m.fields().get(0);
        assertThat(site.type()).isEqualTo(FieldType.LINK);
        assertThat(site.link().kind()).isEqualTo(LinkKind.MANYTOONE);
        assertThat(site.link().peer()).isEqualTo("Site");
        assertThat(site.link().reverseName()).isEqualTo("users");
        assertThat(site.link().reverseNumber()).isEqualTo(1001);
        assertThat(site.number()).isEqualTo(10);
        Field owner = m.fields().get(1);
        assertThat(owner.link().reverseName()).isEmpty();
        assertThat(owner.link().reverseNumber()).isZero();
        Field twin = m.fields().get(2);
        assertThat(twin.link().kind()).isEqualTo(LinkKind.ONETOONE);
        assertThat(twin.link().reverseName()).isEqualTo("+");
        assertThat(twin.link().reverseNumber()).isEqualTo(1002);
        Field peers = m.fields().get(3);
        assertThat(peers.link().kind()).isEqualTo(LinkKind.MANYTOMANY);
        assertThat(peers.link().through()).isEqualTo("PeerLink");
        assertThat(peers.link().reverseName()).isEqualTo("peers_of");
    }

    @Test
    void windowsLineEndingsAndTabs() {
        Message m = parse("message A {\r\n\trequired string a = 1;\r\n}\r\n").messages().get(0);
        assertThat(m.fields().get(0).source()).isEqualTo(new SourceRef(FILE, 2, 2));
    }

    @Test
    void optionsInsideMessages() {
        Message m = parse("message A {\n option verbose_name = \"An A\";\n option custom_python = True;\n}")
                .messages().get(0);
        assertThat(m.options()).extracting(Option::name).containsExactly("verbose_name", "custom_python");
    }
}
