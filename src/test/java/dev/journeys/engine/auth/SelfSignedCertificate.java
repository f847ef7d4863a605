package dev.journeys.engine.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;

/**
 * A certificate for 127.0.0.1 and localhost and its key, made at test time with the JDK's keytool and
 * written as the PEM files the engine reads: no key is ever committed.
 */
public record SelfSignedCertificate(Path certificate, Path privateKey) {

  public static SelfSignedCertificate in(Path directory) throws IOException, InterruptedException, GeneralSecurityException {
    Path store = directory.resolve("engine.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "engine", "-keyalg", "RSA",
        "-keysize", "2048", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "test-only", "-keypass", "test-only")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("Expected keytool to make a test certificate, but: " + output);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "test-only".toCharArray());
    }
    Key key = keys.getKey("engine", "test-only".toCharArray());
    Path certificate = directory.resolve("engine.crt");
    Path privateKey = directory.resolve("engine.key");
    Files.writeString(certificate, pem("CERTIFICATE", keys.getCertificate("engine").getEncoded()));
    Files.writeString(privateKey, pem("PRIVATE KEY", key.getEncoded()));
    return new SelfSignedCertificate(certificate, privateKey);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
