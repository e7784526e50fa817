package io.switchboard.conf;

import java.nio.file.Path;

/**
 * TLS on the front-end listener ({@code switchboard.http.tls}): the PEM certificate chain (leaf first, as certbot's
 * {@code fullchain.pem}) and the PEM private key (PKCS#8, {@code -----BEGIN PRIVATE KEY-----}, as certbot's
 * {@code privkey.pem}). Both paths are absolute and normalized; a loaded configuration has checked that both are
 * readable files. The files are not parsed here: a malformed one fails when the listener builds its SSL context.
 */
public record TlsConfig(Path certificateChain, Path privateKey) {
  public TlsConfig {
    certificateChain = Checks.absolute(certificateChain, "certificateChain");
    privateKey = Checks.absolute(privateKey, "privateKey");
  }
}
