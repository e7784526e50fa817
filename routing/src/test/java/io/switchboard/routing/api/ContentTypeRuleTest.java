package io.switchboard.routing.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ContentTypeRuleTest {

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of("application/x-www-form-urlencoded", true, true, false),
        Arguments.of("application/x-www-form-urlencoded; charset=UTF-8", true, true, false),
        Arguments.of("Application/X-WWW-Form-URLEncoded", true, true, false),
        Arguments.of("multipart/form-data; boundary=----abc", true, true, false),
        Arguments.of("  multipart/form-data  ;boundary=x", true, true, false),
        Arguments.of("application/xml", false, true, true),
        Arguments.of("text/xml; charset=utf-8", false, true, true),
        Arguments.of("APPLICATION/X-XML", false, true, true),
        Arguments.of("application/json", false, false, false),
        Arguments.of("text/plain", false, false, false),
        Arguments.of("application/xml+foo", false, false, false),
        Arguments.of("multipart/form-data-ish", false, false, false),
        Arguments.of("", false, false, false),
        Arguments.of("; charset=utf-8", false, false, false),
        Arguments.of(null, false, false, false));
  }

  @ParameterizedTest(name = "[{0}] form {1}, form-or-xml {2}, xml-only {3}")
  @MethodSource("headers")
  void acceptsTheMediaTypesOfEachRule(String header, boolean form, boolean formOrXml, boolean xmlOnly) {
    assertThat(ContentTypeRule.FORM.accepts(header)).isEqualTo(form);
    assertThat(ContentTypeRule.FORM_OR_XML.accepts(header)).isEqualTo(formOrXml);
    assertThat(ContentTypeRule.XML_ONLY.accepts(header)).isEqualTo(xmlOnly);
    assertThat(ContentTypeRule.NONE.accepts(header)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = ContentTypeRule.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void rejectsAMissingHeaderUnlessUnchecked(ContentTypeRule rule) {
    assertThat(rule.accepts(null)).isFalse();
  }
}
