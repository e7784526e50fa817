package io.switchboard.recordings.files;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One entry of a presentation's {@code captions.json} (BBB keeps {@code [{"localeName":…,"locale":…}]} there and the
 * cues in {@code caption_<locale>.vtt} beside it), as getRecordingTextTracks lists it (bbb-api §5.11).
 *
 * @param locale the language tag, e.g. {@code en-US}; also part of the file name, so it is restricted to
 *     {@link #LANGUAGE_TAG}
 * @param label what a player shows, BBB's {@code localeName}
 * @param kind {@code subtitles} or {@code captions}
 * @param source {@code upload}, {@code live} or {@code automatic}
 */
public record TextTrack(String locale, String label, String kind, String source) {
  /** An RFC 5646-like language tag: a 2–3 letter language, then subtags of 2–8 letters or digits. */
  public static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  public static final String SUBTITLES = "subtitles";
  public static final String CAPTIONS = "captions";
  public static final String UPLOAD = "upload";

  public TextTrack {
    requireNonNull(locale, "locale");
    requireNonNull(label, "label");
    requireNonNull(kind, "kind");
    requireNonNull(source, "source");
    if (!LANGUAGE_TAG.matcher(locale).matches()) {
      throw new IllegalArgumentException("locale: '" + locale + "' (expected: a language tag such as en-US)");
    }
  }

  /** The name of the WebVTT file beside {@code captions.json}: {@code caption_<locale>.vtt}. */
  public String fileName() {
    return "caption_" + locale + ".vtt";
  }
}
