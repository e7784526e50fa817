package io.switchboard.recordings.api;

import io.switchboard.routing.xml.BbbXml;
import static java.util.Objects.requireNonNull;

import io.switchboard.storage.RecordingTokenStore.Grant;
import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.Thumbnail;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The getRecordings answer (spec §9.2), as Scalelite's builder template writes it minus the indentation, after the
 * {@code <?xml version="1.0"?>} line every Switchboard answer starts with. Element order, millisecond timestamps,
 * {@code <![CDATA[]]>} for blank metadata, {@code protected} only when protection is on, tokenized
 * {@code /recording/<id>/<format>?token=} links without previews for protected recordings, and BBB 2.6's
 * {@code pagination} block after {@code </recordings>} when the request paginated. Pure: the tokens are handed in.
 */
final class GetRecordingsXml {
  private static final String NO_RECORDINGS = "<recordings/><messageKey>noRecordings</messageKey>"
      + "<message>There are not recordings for the meetings</message>";

  /**
   * How recordings are shown: the scheme, host and port links start with, whether protected recordings are on
   * (PROTECTED_RECORDINGS_ENABLED) and the formats that may appear (RECORDING_PLAYBACK_FORMATS).
   */
  record View(String urlPrefix, boolean protectionEnabled, Set<String> playbackFormats) {
    View {
      requireNonNull(urlPrefix, "urlPrefix");
      playbackFormats = Set.copyOf(requireNonNull(playbackFormats, "playbackFormats"));
    }
  }

  /** BBB 2.6's page description: how many matches were skipped, the page size, and how many matched in all. */
  record Pagination(int offset, int limit, long totalElements) {
    Pagination {
      if (offset < 0 || limit < 1 || totalElements < 0) {
        throw new IllegalArgumentException("pagination: offset " + offset + ", limit " + limit + ", total "
            + totalElements + " (expected: offset >= 0, limit >= 1, total >= 0)");
      }
    }
  }

  private GetRecordingsXml() {}

  /** The format links that need a one-time token, one per shown format of every protected recording. */
  static List<Grant> protectedLinks(List<Recording> recordings, View view) {
    List<Grant> grants = new ArrayList<>();
    for (Recording recording : recordings) {
      if (tokenized(recording, view)) {
        for (PlaybackFormat format : shownFormats(recording, view)) {
          grants.add(new Grant(recording.recordId(), format.format()));
        }
      }
    }
    return grants;
  }

  /**
   * The document for {@code recordings}; {@code tokens} must hold a token for every grant of
   * {@link #protectedLinks}.
   */
  static byte[] write(List<Recording> recordings, View view, Map<Grant, String> tokens,
      Optional<Pagination> pagination) {
    StringBuilder xml = new StringBuilder(256 + 1024 * recordings.size()).append(BbbXml.SUCCESS);
    if (recordings.isEmpty()) {
      xml.append(NO_RECORDINGS);
    } else {
      xml.append("<recordings>");
      for (Recording recording : recordings) {
        recording(recording, view, tokens, xml);
      }
      xml.append("</recordings>");
    }
    pagination.ifPresent(page -> pagination(page, recordings.isEmpty(), xml));
    return xml.append("</response>").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void recording(Recording recording, View view, Map<Grant, String> tokens, StringBuilder xml) {
    xml.append("<recording>");
    BbbXml.element("recordID", recording.recordId(), xml);
    BbbXml.element("meetingID", recording.meetingId(), xml);
    BbbXml.element("internalMeetingID", recording.recordId(), xml);
    BbbXml.element("name", recording.name(), xml);
    BbbXml.element("published", Boolean.toString(recording.published()), xml);
    if (view.protectionEnabled()) {
      BbbXml.element("protected", Boolean.toString(recording.protectedRecording()), xml);
    }
    recording.state().ifPresent(state -> BbbXml.element("state", state, xml));
    BbbXml.element("startTime", Long.toString(recording.startTimeMillis()), xml);
    BbbXml.element("endTime", Long.toString(recording.endTimeMillis()), xml);
    recording.participants().ifPresent(count -> BbbXml.element("participants", Integer.toString(count), xml));
    metadata(recording.metadata(), xml);
    List<PlaybackFormat> formats = shownFormats(recording, view);
    if (formats.isEmpty()) {
      xml.append("<playback/>");
    } else {
      xml.append("<playback>");
      for (PlaybackFormat format : formats) {
        format(recording, format, view, tokens, xml);
      }
      xml.append("</playback>");
    }
    xml.append("</recording>");
  }

  private static void metadata(Map<String, String> metadata, StringBuilder xml) {
    StringBuilder entries = new StringBuilder();
    metadata.forEach((key, value) -> {
      // updateRecordings stores any key a client sends; one that cannot be an element name cannot be shown.
      if (!BbbXml.isName(key)) {
        return;
      }
      if (value.isBlank()) {
        // Scalelite writes an empty CDATA section for blank values: some integrations need a node inside.
        entries.append('<').append(key).append("><![CDATA[]]></").append(key).append('>');
      } else {
        BbbXml.element(key, value, entries);
      }
    });
    if (entries.length() == 0) {
      xml.append("<metadata/>");
    } else {
      xml.append("<metadata>").append(entries).append("</metadata>");
    }
  }

  private static void format(Recording recording, PlaybackFormat format, View view, Map<Grant, String> tokens,
      StringBuilder xml) {
    xml.append("<format>");
    BbbXml.element("type", format.format(), xml);
    boolean tokenized = tokenized(recording, view);
    if (tokenized) {
      Grant grant = new Grant(recording.recordId(), format.format());
      String token = tokens.get(grant);
      if (token == null) {
        throw new IllegalArgumentException("tokens: no token for " + grant + " (expected: one per protected link)");
      }
      BbbXml.element("url", view.urlPrefix() + "/recording/" + recording.recordId() + "/" + format.format()
          + "?token=" + token, xml);
    } else {
      BbbXml.element("url", view.urlPrefix() + format.url(), xml);
    }
    BbbXml.element("length",
        format.lengthMinutes().isPresent() ? Integer.toString(format.lengthMinutes().getAsInt()) : "", xml);
    format.processingTimeMillis().ifPresent(
        millis -> BbbXml.element("processingTime", Long.toString(millis), xml));
    if (!tokenized && !format.thumbnails().isEmpty()) {
      xml.append("<preview><images>");
      for (Thumbnail thumbnail : format.thumbnails()) {
        xml.append("<image alt=\"");
        BbbXml.escape(thumbnail.alt(), xml);
        xml.append("\" width=\"");
        BbbXml.escape(thumbnail.width(), xml);
        xml.append("\" height=\"");
        BbbXml.escape(thumbnail.height(), xml);
        xml.append("\">");
        BbbXml.escape(view.urlPrefix() + thumbnail.url(), xml);
        xml.append("</image>");
      }
      xml.append("</images></preview>");
    }
    xml.append("</format>");
  }

  private static void pagination(Pagination page, boolean empty, StringBuilder xml) {
    xml.append("<pagination><pageable><offset>").append(page.offset()).append("</offset><limit>")
        .append(page.limit()).append("</limit><paged>true</paged><unpaged>false</unpaged></pageable><totalElements>")
        .append(page.totalElements()).append("</totalElements><empty>").append(empty).append("</empty></pagination>");
  }

  private static boolean tokenized(Recording recording, View view) {
    return view.protectionEnabled() && recording.protectedRecording();
  }

  private static List<PlaybackFormat> shownFormats(Recording recording, View view) {
    return recording.formats().stream().filter(format -> view.playbackFormats().contains(format.format())).toList();
  }
}
