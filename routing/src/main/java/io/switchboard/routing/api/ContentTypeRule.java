package io.switchboard.routing.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which {@code Content-Type} a POST body of an API call may have, as Scalelite checks it (spec §3.2, mirroring bbb-web
 * 2.7.8's {@code ContentTypeConstraint}). The caller applies the rule only to a POST whose {@code Content-Length} is
 * above zero; a violation is answered with {@code unsupportedContentType}. Media-type parameters such as
 * {@code ; charset=utf-8} are ignored and the comparison is case-insensitive; a missing header is rejected by every rule
 * but {@link #NONE}, because Rails does not assume form data.
 */
public enum ContentTypeRule {
  /** Form data only: most calls. */
  FORM(List.of("application/x-www-form-urlencoded", "multipart/form-data")),
  /** Form data or an XML slides document: {@code create}. */
  FORM_OR_XML(List.of(
      "application/x-www-form-urlencoded", "multipart/form-data", "application/xml", "text/xml", "application/x-xml")),
  /** An XML document only: {@code insertDocument}. */
  XML_ONLY(List.of("application/xml", "text/xml", "application/x-xml")),
  /** No check at all: {@code join}, {@code publishRecordings}, {@code deleteRecordings}, {@code analytics_callback}. */
  NONE(List.of());

  private final List<String> mediaTypes;

  ContentTypeRule(List<String> mediaTypes) {
    this.mediaTypes = mediaTypes;
  }

  /** Whether a body announced with this {@code Content-Type} header value (or none, when {@code null}) may pass. */
  public boolean accepts(@Nullable String contentTypeHeader) {
    if (this == NONE) {
      return true;
    }
    if (contentTypeHeader == null) {
      return false;
    }
    int end = contentTypeHeader.indexOf(';');
    if (end < 0) {
      end = contentTypeHeader.length();
    }
    int start = 0;
    while (start < end && Character.isWhitespace(contentTypeHeader.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(contentTypeHeader.charAt(end - 1))) {
      end--;
    }
    int length = end - start;
    for (String mediaType : mediaTypes) {
      if (mediaType.length() == length && contentTypeHeader.regionMatches(true, start, mediaType, 0, length)) {
        return true;
      }
    }
    return false;
  }
}
