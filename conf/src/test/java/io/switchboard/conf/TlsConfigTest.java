package io.switchboard.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsConfigTest {
  private static final String PAIR = "set both certificate-chain and private-key, or neither for plain HTTP";

  @TempDir
  Path directory;
  private Path chain;
  private Path key;

  @BeforeEach
  void writeFiles() throws IOException {
    chain = Files.writeString(directory.resolve("fullchain.pem"), "-----BEGIN CERTIFICATE-----\n");
    key = Files.writeString(directory.resolve("privkey.pem"), "-----BEGIN PRIVATE KEY-----\n");
  }

  @Test
  void withoutCertificateAndKeyTheListenerIsPlainHttp() {
    assertThat(read("").http().tls()).isEmpty();
    assertThat(read("switchboard.http.tls { certificate-chain = \" \", private-key = \"\" }").http().tls()).isEmpty();
  }

  @Test
  void withBothFilesTheListenerUsesTls() {
    Optional<TlsConfig> tls = read(tls(chain.toString(), key.toString())).http().tls();

    assertThat(tls).contains(new TlsConfig(chain, key));
  }

  @Test
  void relativeFilesAreResolvedAgainstTheWorkingDirectory() {
    Path workingDir = Path.of("").toAbsolutePath();
    String relativeChain = workingDir.relativize(chain).toString();
    String relativeKey = "./" + workingDir.relativize(key);

    TlsConfig tls = read(tls(relativeChain, relativeKey)).http().tls().orElseThrow();

    assertThat(tls.certificateChain()).isEqualTo(chain).isAbsolute();
    assertThat(tls.privateKey()).isEqualTo(key);
  }

  @Test
  void aCertificateWithoutAKeyIsAnErrorNamingTheMissingKey() {
    assertThatThrownBy(() -> read("switchboard.http.tls.certificate-chain = \"" + chain + "\""))
        .isInstanceOf(ConfigError.class)
        .hasMessage("switchboard.http.tls.private-key: \"\" (expected: the PEM private key of certificate-chain; "
            + PAIR + ")");
  }

  @Test
  void aKeyWithoutACertificateIsAnErrorNamingTheMissingCertificate() {
    assertThatThrownBy(() -> read("switchboard.http.tls.private-key = \"" + key + "\""))
        .isInstanceOf(ConfigError.class)
        .hasMessage("switchboard.http.tls.certificate-chain: \"\" (expected: the PEM certificate chain of "
            + "private-key; " + PAIR + ")");
  }

  @Test
  void aMissingCertificateFileIsAnErrorAtLoad() {
    Path missing = directory.resolve("missing.pem");

    assertThatThrownBy(() -> read(tls(missing.toString(), key.toString())))
        .isInstanceOf(ConfigError.class)
        .hasMessage("switchboard.http.tls.certificate-chain: \"" + missing + "\" (expected: a readable PEM "
            + "certificate chain file; " + missing + " is missing or unreadable)");
  }

  @Test
  void aKeyThatIsADirectoryIsAnErrorAtLoad() {
    assertThatThrownBy(() -> read(tls(chain.toString(), directory.toString())))
        .isInstanceOf(ConfigError.class)
        .hasMessage("switchboard.http.tls.private-key: \"" + directory + "\" (expected: a readable PEM private key "
            + "file; " + directory + " is missing or unreadable)");
  }

  @Test
  void anUnreadableKeyIsAnErrorAtLoad() {
    // Root reads any file whatever its mode: the check cannot be observed then.
    assumeTrue(key.toFile().setReadable(false, false) && !Files.isReadable(key));

    assertThatThrownBy(() -> read(tls(chain.toString(), key.toString())))
        .hasMessageStartingWith("switchboard.http.tls.private-key: ");
  }

  @Test
  void aRelativeMissingFileIsShownAsWrittenAndAsResolved() {
    Path resolved = Path.of("nope.pem").toAbsolutePath();

    assertThatThrownBy(() -> read(tls("nope.pem", key.toString())))
        .hasMessage("switchboard.http.tls.certificate-chain: \"nope.pem\" (expected: a readable PEM certificate chain "
            + "file; " + resolved + " is missing or unreadable)");
  }

  @Test
  void aFileOfTheWrongTypeIsAnError() {
    assertThatThrownBy(() -> read("switchboard.http.tls.private-key = [a]"))
        .hasMessage("switchboard.http.tls.private-key: [\"a\"] (expected: a string)");
    assertThatThrownBy(() -> read("switchboard.http.tls = \"/etc/cert.pem\""))
        .hasMessage("switchboard.http.tls: \"/etc/cert.pem\" (expected: an object)");
    assertThatThrownBy(() -> read("switchboard.http.tls.key = x"))
        .hasMessage("switchboard.http.tls.key: unknown key (expected: one of certificate-chain, private-key)");
  }

  @Test
  void theRecordNormalizesItsPaths() {
    TlsConfig tls = new TlsConfig(Path.of("/etc/ssl/./live/../fullchain.pem"), Path.of("privkey.pem"));

    assertThat(tls.certificateChain()).isEqualTo(Path.of("/etc/ssl/fullchain.pem"));
    assertThat(tls.privateKey()).isEqualTo(Path.of("privkey.pem").toAbsolutePath());
  }

  @Test
  void theOperatorFileCanEnableTls() throws IOException {
    Path file = Files.writeString(directory.resolve("switchboard.conf"), """
        switchboard.api.secrets = [s]
        switchboard.http.tls { certificate-chain = "%s", private-key = "%s" }
        """.formatted(chain, key));

    assertThat(ConfigLoader.load(Optional.of(file), Map.of()).http().tls()).contains(new TlsConfig(chain, key));
  }

  private static String tls(String chain, String key) {
    return "switchboard.http.tls { certificate-chain = \"" + chain + "\", private-key = \"" + key + "\" }";
  }

  private static SwitchboardConfig read(String hocon) {
    return SwitchboardConfig.from(ConfigFactory.parseString("switchboard.api.secrets = [lb-secret]\n" + hocon)
        .withFallback(ConfigFactory.defaultReference())
        .resolve());
  }
}
