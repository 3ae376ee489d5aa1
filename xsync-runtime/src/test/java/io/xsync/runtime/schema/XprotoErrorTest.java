package io.xsync.runtime.schema;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every xproto error names file:line:column and says what was expected and what was found. */
class XprotoErrorTest {
    @TempDir
    Path dir;

    /** Writes {@code text} as m.xproto, loads the directory and expects {@code m.xproto:<where>: <message>}. */
    private void fails(String text, String whereAndMessage) {
        Path file = Fixtures.write(dir, "m.xproto", text);
        assertThatThrownBy(() -> XprotoLoader.load(dir)).isInstanceOf(XprotoException.class)
                .hasMessage(file + ":" + whereAndMessage);
    }

    @Test
    void missingSemicolonAfterFieldNumber() {
        fails("message A {\n  required string name = 1\n}\n", "3:1: expected ';' after field number, found '}'");
    }

    @Test
    void missingSemicolonAfterFieldOptions() {
        fails("message A {\n  optional int32 n = 1 [default = 0] optional\n}",
                "2:38: expected ';' after field options, found 'optional'");
    }

    @Test
    void missingCommaBetweenFieldOptions() {
        fails("message A {\n  optional int32 n = 1 [default = 0 null = True];\n}",
                "2:37: expected ',' or ']' after field option value, found 'null'");
    }

    @Test
    void unknownFieldType() {
        fails("message A {\n  optional text note = 1;\n}", "2:12: unknown field type 'text' (expected string,"
                + " int32, uint32, int64, bool, float, double, another protobuf scalar type, an enum, manytoone,"
                + " onetoone or manytomany)");
    }

    @Test
    void fieldWithoutModifier() {
        fails("message A {\n  string name = 1;\n}",
                "2:3: expected 'required', 'optional', 'option' or '}' in message 'A', found 'string'");
    }

    @Test
    void fieldNumberMissing() {
        fails("message A {\n  required string name = ;\n}",
                "2:26: expected field number after '=', found ';'");
    }

    @Test
    void linkWithoutArrow() {
        fails("message A {\n  required manytoone site = 1;\n}",
                "2:27: expected '->' after link field name 'site', found '='");
    }

    @Test
    void linkWithBadReverseName() {
        fails("message S {}\nmessage A {\n  required manytoone s->S:1 = 1;\n}",
                "3:27: expected reverse name or '+' after ':', found number 1");
    }

    @Test
    void messageNotClosed() {
        fails("message A {\n  required string name = 1;\n",
                "3:1: expected 'required', 'optional', 'option' or '}' in message 'A', found end of file");
    }

    @Test
    void messageWithoutBody() {
        fails("message A (B);\n", "1:14: expected '{' to open the body of message 'A', found ';'");
    }

    @Test
    void parentListNotClosed() {
        fails("message A (B C) {}\n", "1:14: expected ',' between parent names, found 'C'");
    }

    @Test
    void misspelledTopLevelKeyword() {
        fails("// models\nmesage A {}\n", "2:1: expected 'message', 'option', 'enum' or 'policy' at top level, found 'mesage'");
    }

    @Test
    void optionWithoutValue() {
        fails("option app_label = ;\n", "1:20: expected an option value (string, number or name) for option"
                + " 'app_label', found ';'");
    }

    @Test
    void optionWithoutSemicolon() {
        fails("option app_label = \"x\"\nmessage A {}", "2:1: expected ';' after option value, found 'message'");
    }

    @Test
    void unterminatedString() {
        fails("message A {\n  optional string s = 1 [default = \"abc];\n}",
                "2:36: string is not closed with \" on its line");
    }

    @Test
    void unexpectedCharacter() {
        fails("message A {\n  optional string s = 1 @;\n}", "2:25: unexpected character '@'");
    }

    @Test
    void hashIsNotAComment() {
        fails("message A {\n  # not xproto\n}", "2:3: unexpected character '#'");
    }

    @Test
    void serviceNotClosed() {
        fails("message A {}\nservice Api {\n  rpc Get(A) returns (A);\n", "2:1: service 'Api' is not closed with '}'");
    }

    @Test
    void extensionsWithoutTo() {
        fails("message A {\n  extensions 100 max;\n}", "2:18: expected 'to' after the first extension number, found 'max'");
    }

    @Test
    void enumValueWithoutNumber() {
        fails("enum E {\n  A = ;\n}", "2:7: expected enum value number after '=', found ';'");
    }

    @Test
    void fieldOfAnUnknownTypeName() {
        fails("message A {\n  optional Colour c = 1;\n}", "2:12: unknown field type 'Colour' (expected string, int32,"
                + " uint32, int64, bool, float, double, another protobuf scalar type, an enum, manytoone, onetoone or"
                + " manytomany)");
    }

    @Test
    void unclosedBlockComment() {
        fails("message A {}\n/* notes\n", "2:1: comment is not closed with '*/'");
    }

    @Test
    void policyNotClosed() {
        fails("policy p < a -> b\nmessage A {}\n", "1:10: policy body opened here is not closed with '>'");
    }

    @Test
    void policyWithoutBody() {
        fails("policy p ;\n", "1:10: expected '<' after policy name, found ';'");
    }

    @Test
    void badIntDefault() {
        fails("message A {\n  optional int32 n = 1 [default = \"ten\"];\n}",
                "2:35: bad default for int32 field 'n': expected an int32 number or None, found \"ten\"");
    }

    @Test
    void intDefaultOutOfRange() {
        fails("message A {\n  optional int32 n = 1 [default = 3000000000];\n}",
                "2:35: bad default for int32 field 'n': expected an int32 number or None, found 3000000000");
    }

    @Test
    void negativeUint32Default() {
        fails("message A {\n  optional uint32 n = 1 [default = -1];\n}",
                "2:36: bad default for uint32 field 'n': expected a number from 0 to 2147483647 or None,"
                        + " found -1");
    }

    @Test
    void badInt64Default() {
        fails("message A {\n  optional int64 n = 1 [default = 1.5];\n}",
                "2:35: bad default for int64 field 'n': expected an int64 number or None, found 1.5");
    }

    @Test
    void badBoolDefault() {
        fails("message A {\n  optional bool b = 1 [default = 1];\n}",
                "2:34: bad default for bool field 'b': expected True, False or None, found 1");
    }

    @Test
    void badFloatDefault() {
        fails("message A {\n  optional float f = 1 [default = True];\n}",
                "2:35: bad default for float field 'f': expected a number or None, found True");
    }

    @Test
    void badDoubleDefault() {
        fails("message A {\n  optional double d = 1 [default = \"high\"];\n}",
                "2:36: bad default for double field 'd': expected a number or None, found \"high\"");
    }

    @Test
    void bareWordStringDefault() {
        fails("message A {\n  optional string s = 1 [default = unknown];\n}",
                "2:36: bad default for string field 's': expected a quoted string or None, found unknown");
    }

    @Test
    void badMaxLength() {
        fails("message A {\n  optional string s = 1 [max_length = \"long\"];\n}",
                "2:39: max_length of field 's' must be a non-negative integer, found 'long'");
    }

    @Test
    void badChoices() {
        fails("message A {\n  optional string s = 1 [choices = \"(('a', 'A') ('b', 'B'))\"];\n}",
                "2:36: bad choices \"(('a', 'A') ('b', 'B'))\": expected ',' or ')' at offset 12");
    }

    @Test
    void choicesThatAreNotPairs() {
        fails("message A {\n  optional string s = 1 [choices = \"('a', 'b')\"];\n}",
                "2:36: bad choices \"('a', 'b')\": each choice must be a (value, label) pair, found a at offset 10");
    }

    @Test
    void linkToAModelNoFileDefines() {
        fails("message A {\n  required manytoone site->Site:as = 1:100;\n}",
                "2:28: link 'site' of 'A' points at 'Site', which no xproto file defines as a model");
    }

    @Test
    void definedThroughModelThatDoesNotLinkBothSides() {
        fails("message P {}\nmessage AP { required manytoone p->P:aps = 1; }\nmessage A {\n"
                        + "  required manytomany ps->P/AP:as = 1;\n}",
                "4:3: through model 'AP' of manytomany 'ps' has no manytoone link to A (a through model links the two sides)");
    }

    @Test
    void linkToTheBaseModel() {
        fails("message XOSBase {}\nmessage A {\n  optional manytoone b->XOSBase = 1;\n}",
                "3:25: link 'b' of 'A' points at 'XOSBase', which no xproto file defines as a model");
    }

    @Test
    void fieldDeclaredTwice() {
        fails("message A {\n  optional string s = 1;\n  optional int32 s = 2;\n}",
                "3:3: field 's' is declared twice in message 'A' (first at " + dir.resolve("m.xproto") + ":2:3)");
    }

    @Test
    void scalarFieldTakingTheColumnOfALink() {
        fails("message S {}\nmessage A {\n  required manytoone s->S = 1;\n  optional int64 s_id = 2;\n}",
                "4:3: field 's_id' of message 'A' needs column 's_id', already taken by 's' at "
                        + dir.resolve("m.xproto") + ":3:3");
    }

    @Test
    void inheritanceCycle() {
        fails("message A (B) {}\nmessage B (A) {}\n", "1:1: message 'A' inherits from itself");
    }

    @Test
    void messageDefinedInTwoFiles() {
        Path first = Fixtures.write(dir, "a.xproto", "message Site {}\n");
        Path second = Fixtures.write(dir, "b.xproto", "// again\nmessage Site {}\n");
        assertThatThrownBy(() -> XprotoLoader.load(dir)).isInstanceOf(XprotoException.class)
                .hasMessage(second + ":2:1: message 'Site' is already defined at " + first + ":1:1");
    }

    @Test
    void withErrorsInSeveralFilesTheFirstFileIsReported() {
        Path first = Fixtures.write(dir, "a.xproto", "message A { optional string s = 1 }\n");
        Fixtures.write(dir, "b.xproto", "message B { bad }\n");
        assertThatThrownBy(() -> XprotoLoader.load(dir)).isInstanceOf(XprotoException.class)
                .hasMessage(first + ":1:35: expected ';' after field number, found '}'");
    }

    @Test
    void missingDirectory() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> XprotoLoader.load(missing)).isInstanceOf(XprotoException.class)
                .hasMessage(missing + ": models directory does not exist");
    }

    @Test
    void directoryWithoutXprotoFiles() {
        Fixtures.write(dir, "README.md", "no models here");
        assertThatThrownBy(() -> XprotoLoader.load(dir)).isInstanceOf(XprotoException.class)
                .hasMessage(dir + ": no .xproto files in models directory");
    }
}
