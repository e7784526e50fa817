package io.switchboard.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.conf.ServerConfig;
import io.switchboard.proxy.admin.ServersSyncRequest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file {@code servers sync} reads: Scalelite's YAML or Switchboard's HOCON, every entry checked. */
class ServersSyncFileTest {
  private static final String YAML = """
      # as servers:yaml prints it
      servers:
        bbb1.example.com:
          secret: s1
        bbb2:
          url: http://10.0.0.2/bigbluebutton/api
          secret: s2
          enabled: false
          load_multiplier: 2.5
          tag: big
          state: cordoned
          load: 3.0
          bbb_version: 2.7.3
          online: true
      """;

  private static List<ServerConfig> parse(String text) {
    return ServersSyncFile.parse("servers.txt", text, false);
  }

  @Test
  void scalelitesYamlWithItsDefaults() {
    List<ServerConfig> servers = parse(YAML);

    assertThat(servers).containsExactly(
        new ServerConfig("bbb1.example.com", URI.create("https://bbb1.example.com/bigbluebutton/api"), "s1", true, 1.0,
            List.of()),
        new ServerConfig("bbb2", URI.create("http://10.0.0.2/bigbluebutton/api"), "s2", false, 2.5, List.of("big")));
  }

  @Test
  void hoconAsTheConfigurationWritesIt() {
    String hocon = """
        servers {
          "bbb1.example.com" { url = "https://bbb1.example.com/bigbluebutton/api", secret = s1 }
          bbb2 {
            url = "http://10.0.0.2/bigbluebutton/api"
            secret = "s2"
            enabled = false
            load-multiplier = 2.5
            tags = [big, small]
          }
        }
        """;

    assertThat(parse(hocon)).containsExactly(
        new ServerConfig("bbb1.example.com", URI.create("https://bbb1.example.com/bigbluebutton/api"), "s1", true, 1.0,
            List.of()),
        new ServerConfig("bbb2", URI.create("http://10.0.0.2/bigbluebutton/api"), "s2", false, 2.5,
            List.of("big", "small")));
    assertThat(parse("switchboard.servers.bbb3 { url = \"https://x.example.com/bigbluebutton/api\", secret = s }"))
        .as("a configuration file").extracting(ServerConfig::id).containsExactly("bbb3");
  }

  @Test
  void aYamlNameIsReadAsYamlAndStdinIsDetected(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("servers.yml"), "servers: {a: {secret: s}}");
    assertThat(ServersSyncFile.read(file.toString(), new ByteArrayInputStream(new byte[0])))
        .extracting(ServerConfig::id).containsExactly("a");

    assertThat(ServersSyncFile.read("-", new ByteArrayInputStream(YAML.getBytes(StandardCharsets.UTF_8))))
        .hasSize(2);

    assertThatThrownBy(() -> ServersSyncFile.read(dir.resolve("none.yml").toString(), System.in))
        .isInstanceOf(ServersSyncFile.Unusable.class).hasMessageEndingWith("none.yml: no such file");
  }

  @Test
  void invalidEntriesAreNamedOnOneLine() {
    assertRejected("servers:\n  bad/id:\n    secret: s\n", "servers.txt: servers.\"bad/id\": invalid id");
    assertRejected("servers:\n  a:\n    url: https://a/api\n", "servers.txt: servers.a.secret: missing");
    assertRejected("servers:\n  a:\n    secret: s\n    url: ftp://a/api\n", "servers.txt: servers.a.url: \"ftp://a/api\"");
    assertRejected("servers:\n  a:\n    secret: s\n    url: /bigbluebutton/api\n", "servers.a.url");
    assertRejected("servers:\n  a:\n    secret: s\n    load_multiplier: 0\n", "servers.a.load_multiplier: 0");
    assertRejected("servers:\n  a:\n    secret: s\n    load_multiplier: -1\n", "servers.a.load_multiplier");
    assertRejected("servers:\n  a:\n    secret: s\n    enabled: maybe\n", "servers.a.enabled");
    assertRejected("servers:\n  a:\n    secret: s\n    colour: red\n", "servers.a.colour: unknown key");
    assertRejected("servers:\n  a:\n    secret: s\n    tag: 'x;y'\n", "servers.a.tags");
    assertRejected("servers { a { secret = s } }", "servers.txt: servers.a.url: missing");
    assertRejected("servers { a { url = \"https://a/api\", secret = s, load-multiplier = 0 } }",
        "servers.a.load-multiplier");
  }

  @Test
  void somethingElseIsOneClearLine() {
    assertRejected("", "servers.txt: empty");
    assertRejected("other { a = 1 }", "servers.txt: no servers");
    assertRejected("servers = 3", "servers.txt: servers is not an object");
    assertRejected("servers:\n  a: [\n", "servers.txt: neither HOCON (");
    assertThatThrownBy(() -> ServersSyncFile.parse("x.yaml", "servers: [", true))
        .hasMessageStartingWith("x.yaml: not YAML: ");
    assertThatThrownBy(() -> ServersSyncFile.parse("x.yaml", "servers:\n  a: {secret: s}\n  a: {secret: t}\n", true))
        .as("a duplicate id").isInstanceOf(ServersSyncFile.Unusable.class);
  }

  @Test
  void theRequestCarriesWhatTheFileSaid() {
    List<ServerConfig> servers = parse(YAML);
    assertThat(ServersSyncRequest.servers("servers", ServersSyncRequest.toJson(servers))).isEqualTo(servers);
    List<ServerConfig> tagged = List.of(new ServerConfig("t", URI.create("https://t/api"), "s", true, 1.0,
        List.of("a", "b")));
    assertThat(ServersSyncRequest.servers("servers", ServersSyncRequest.toJson(tagged))).isEqualTo(tagged);
  }

  private static void assertRejected(String text, String messageStart) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(ServersSyncFile.Unusable.class)
        .hasMessageContaining(messageStart)
        .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("\n"));
  }
}
