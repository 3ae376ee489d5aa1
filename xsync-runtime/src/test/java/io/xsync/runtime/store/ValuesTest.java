package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.ModelException;
import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

    private static FieldDef field(FieldType type) {
        return new FieldDef("f", type, 1, false, Map.of(), null, true, 0, List.of(), false, false, false, null, null);
    }

    private static Object convert(FieldType type, Object v) {
        return Values.convert("M", field(type), v);
    }

    @Test
    void numbersConvertWhenTheyFitExactly() {
        assertThat(convert(FieldType.INT32, 5L)).isEqualTo(5);
        assertThat(convert(FieldType.INT32, 5.0)).isEqualTo(5);
        assertThat(convert(FieldType.INT64, 7)).isEqualTo(7L);
        assertThat(convert(FieldType.INT64, new BigDecimal("9"))).isEqualTo(9L);
        assertThat(convert(FieldType.LINK, 3)).isEqualTo(3L);
        assertThat(convert(FieldType.DOUBLE, 2)).isEqualTo(2.0);
        assertThat(convert(FieldType.FLOAT, 0.5)).isEqualTo(0.5f);
    }

    @Test
    void wrongTypesNameFieldAndExpectedType() {
        assertThatThrownBy(() -> convert(FieldType.INT32, 1.5)).isInstanceOfSatisfying(ModelException.class,
                e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.INVALID_VALUE))
                .hasMessage("field M.f expects an int32, got Double '1.5'");
        assertThatThrownBy(() -> convert(FieldType.INT32, 1L << 40)).hasMessageContaining("int32");
        assertThatThrownBy(() -> convert(FieldType.UINT32, -1)).hasMessageContaining("uint32");
        assertThatThrownBy(() -> convert(FieldType.STRING, 3)).hasMessageContaining("expects a string");
        assertThatThrownBy(() -> convert(FieldType.BOOL, "true")).hasMessageContaining("expects a boolean");
        assertThatThrownBy(() -> convert(FieldType.TIMESTAMP, "2026")).hasMessageContaining("timestamp");
    }

    @Test
    void timestampsAreTruncatedToMicroseconds() {
        Instant t = Instant.parse("2026-01-01T00:00:00.123456789Z");
        assertThat(convert(FieldType.TIMESTAMP, t)).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
        assertThat(convert(FieldType.TIMESTAMP, OffsetDateTime.parse("2026-01-01T01:00:00+01:00")))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void textIsParsedForTheFieldType() {
        assertThat(Values.parse("M", field(FieldType.INT32), " 12 ")).isEqualTo(12);
        assertThat(Values.parse("M", field(FieldType.BOOL), "TRUE")).isEqualTo(true);
        assertThat(Values.parse("M", field(FieldType.BOOL), "0")).isEqualTo(false);
        assertThat(Values.parse("M", field(FieldType.DOUBLE), "1.5")).isEqualTo(1.5);
        assertThat(Values.parse("M", field(FieldType.TIMESTAMP), "2026-01-01T00:00:00Z"))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(Values.parse("M", field(FieldType.STRING), " a ")).isEqualTo(" a ");
        assertThatThrownBy(() -> Values.parse("M", field(FieldType.INT64), "x"))
                .isInstanceOf(ModelException.class).hasMessageContaining("M.f").hasMessageContaining("int64");
        assertThatThrownBy(() -> Values.parse("M", field(FieldType.BOOL), "maybe"))
                .isInstanceOf(ModelException.class).hasMessageContaining("boolean");
    }
}
