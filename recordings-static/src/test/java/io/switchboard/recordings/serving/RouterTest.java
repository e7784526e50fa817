package io.switchboard.recordings.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouterTest {
  private static final String RID = "183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000";
  private final Router router = new Router(List.of("presentation", "video", "podcast", "notes", "screenshare"));

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      GET  | /presentation/rid-1/shapes.svg           | presentation | rid-1 | presentation/rid-1/shapes.svg
      HEAD | /presentation/rid-1/shapes.svg?x=1       | presentation | rid-1 | presentation/rid-1/shapes.svg
      GET  | /video/rid-1/                            | video        | rid-1 | video/rid-1/
      GET  | /video/rid-1                             | video        | rid-1 | video/rid-1
      GET  | /notes/rid-1/../../secret                | notes        | rid-1 | notes/rid-1/../../secret
      """)
  void formatPathsAreResources(String method, String target, String format, String recordId, String relative) {
    assertThat(router.route(HttpMethod.valueOf(method), target))
        .isEqualTo(new Route.Resource(format, recordId, relative));
  }

  @Test
  void playLinksCarryTheirToken() {
    assertThat(router.route(HttpMethod.GET, "/recording/" + RID + "/presentation?token=abc&x=1"))
        .isEqualTo(new Route.Play(RID, "presentation", Optional.of("abc")));
    assertThat(router.route(HttpMethod.GET, "/recording/" + RID + "/podcast/"))
        .isEqualTo(new Route.Play(RID, "podcast", Optional.empty()));
  }

  @Test
  void playerPathsAreServedFromThePlayerDirectory() {
    assertThat(router.route(HttpMethod.GET, "/playback/presentation/2.3/" + RID + "?a=b"))
        .isEqualTo(new Route.Player("presentation/2.3/" + RID));
    assertThat(router.route(HttpMethod.HEAD, "/playback/presentation/2.3/static/js/main.js"))
        .isEqualTo(new Route.Player("presentation/2.3/static/js/main.js"));
  }

  @ParameterizedTest(name = "{0} → {1} {2}")
  @CsvSource(delimiter = '|', textBlock = """
      /playback/video/rid-1/                                        | 307 | /video/rid-1/
      /playback/video/rid-1/index.html?t=1                          | 307 | /video/rid-1/index.html
      /recording/screenshare/rid-1/screenshare.webm                 | 307 | /screenshare/rid-1/screenshare.webm
      /playback/presentation/playback.html?meetingId=rid-1          | 301 | /playback/presentation/0.81/playback.html?meetingId=rid-1
      /playback/presentation/playback.html                          | 301 | /playback/presentation/0.81/playback.html
      /playback/presentation/2.0/playback.html?meetingId=rid-1&t=5  | 301 | /playback/presentation/2.3/rid-1?meetingId=rid-1&t=5
      /playback/presentation/2.0/playback.html?t=5&MEETINGID=rid-2  | 301 | /playback/presentation/2.3/rid-2?t=5&MEETINGID=rid-2
      /playback/presentation/2.0/playback.html                      | 301 | /playback/presentation/2.3/
      """)
  void nginxRewritesRedirect(String target, int status, String location) {
    assertThat(router.route(HttpMethod.GET, target))
        .isEqualTo(new Route.Redirect(HttpResponseStatus.valueOf(status), location));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "/presentation/rid.1/shapes.svg",
      "/presentation/%2e%2e/secret",
      "/presentation/rid%00/x",
      "/recording/rid.1/presentation",
      "/recording/rid-1/Presentation",
      "/recording/%2e%2e/presentation",
  })
  void recordIdsBbbNeverWritesAreNotFound(String target) {
    assertThat(router.route(HttpMethod.GET, target)).isEqualTo(new Route.NotFound());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      GET    | /bigbluebutton/api/create?name=x
      GET    | /health_check
      GET    | /
      GET    | /presentation
      GET    | /presentation/
      GET    | /capture/rid-1/slides.svg
      GET    | /playback
      GET    | /recording/rid-1
      GET    | /recording/rid-1/presentation/extra
      POST   | /presentation/rid-1/shapes.svg
      POST   | /playback/presentation/2.3/index.html
      HEAD   | /recording/rid-1/presentation?token=abc
      GET    | http://example.com/presentation/rid-1/shapes.svg
      """)
  void everythingElseIsLeftToTheApi(String method, String target) {
    assertThat(router.route(HttpMethod.valueOf(method), target)).isNull();
  }

  @Test
  void claimsFollowsThePrefixes() {
    assertThat(router.claims("/presentation/x")).isTrue();
    assertThat(router.claims("/playback/presentation/2.3/x")).isTrue();
    assertThat(router.claims("/recording/x/y")).isTrue();
    assertThat(router.claims("/presentationx/y")).isFalse();
    assertThat(router.claims("/bigbluebutton/api")).isFalse();
  }
}
