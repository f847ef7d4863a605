package dev.journeys.engine.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The engine's TLS certificate chain and private key, both PEM files (the key unencrypted PKCS#8,
 * {@code -----BEGIN PRIVATE KEY-----}, e.g. from {@code openssl pkcs8 -topk8 -nocrypt}). gRPC reads
 * the files itself; REST gets an {@link SSLContext} built from them.
 */
public record TlsFiles(Path certificateChain, Path privateKey) {

  /** Reads both files at once, so a wrong path or format fails start-up, not the first call. */
  public SSLContext sslContext() {
    try {
      char[] none = new char[0];
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("engine", key(), none, chain().toArray(Certificate[]::new));
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, none);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("Expected a PEM certificate chain at " + certificateChain
          + " and its PKCS#8 PEM private key at " + privateKey + ", but: " + e.getMessage(), e);
    }
  }

  private List<? extends Certificate> chain() throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(certificateChain)) {
      List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (chain.isEmpty()) {
        throw new GeneralSecurityException("the certificate file holds no certificate");
      }
      return chain;
    }
  }

  private PrivateKey key() throws IOException, GeneralSecurityException {
    String pem = Files.readString(privateKey);
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new GeneralSecurityException("the key file is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY)");
    }
    String body = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException notThisOne) {
        // try the next algorithm
      }
    }
    throw new GeneralSecurityException("the key is neither RSA, EC nor Ed25519");
  }

}
