package io.github.hotreload.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void quotesWhatJsonMustEscapeAndReadsItBack() {
        String nasty = "a \"quoted\" \\ back\nslash\ttab \u0001 \u2028 é";
        assertThat(Json.parse(Json.quote(nasty))).isEqualTo(nasty);
        assertThat(Json.quote(nasty)).doesNotContain("\n").doesNotContain("\u2028");
        assertThat(Json.quote(null)).isEqualTo("null");
    }

    @Test
    void readsObjectsArraysNumbersAndLiterals() {
        Object v = Json.parse(" {\"a\": [1, -2.5e1, true, false, null, {}], \"b\": \"\\u0041\\/\"} ");
        assertThat(v).isEqualTo(Map.of("a", java.util.Arrays.asList(1L, -25.0, true, false, null, Map.of()), "b", "A/"));
        assertThat(Json.parse("[]")).isEqualTo(List.of());
    }

    @Test
    void writesNestedValuesThatReadBackEqual() {
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("id", 7L);
        value.put("params", Map.of("expression", "a \"b\"\n", "ratio", 0.5));
        value.put("list", java.util.Arrays.asList(true, null, "x"));
        String json = Json.write(value);
        assertThat(json).startsWith("{\"id\":7,");
        assertThat(Json.parse(json)).isEqualTo(value);
    }

    @Test
    void refusesMalformedDocumentsWithWhere() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "[1 2]", "\"open", "tru", "{} x", "\"\\q\"", "\"\\u12\"")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("malformed JSON at character");
        }
    }
}
