package dev.hangar.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.testing.IdentityDocuments;
import dev.hangar.gateway.testing.TestAppKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check-config} refuses what {@code serve} refuses before start-up, with the same one
 * line: files that are missing or do not parse, named by their key only.
 */
class StartupChecksTest {
  @TempDir Path dir;

  private String config(String privateKeyFile, String certificate) {
    return """
        github:
          webhookSecrets: [whsec]
          appId: 1
          owner: acme
          privateKeyFile: "%s"
        queue: {embedded: true}
        pools: [{name: linux, labels: [linux], maxRunners: 1, tiers: [{asg: a, kind: warm}]}]
        agentApi: {identityCertificates: ["%s"]}
        """.formatted(privateKeyFile, certificate);
  }

  private Path goodKey() throws IOException {
    return Files.writeString(dir.resolve("app.pem"), TestAppKeys.pkcs1Pem());
  }

  private Path goodCertificate() {
    return IdentityDocuments.newSigner("Startup checks").writeCertificate(dir);
  }

  private Path garbage(String name) throws IOException {
    return Files.write(dir.resolve(name), new byte[] {'n', 'o', 't', ' ', 'P', 'E', 'M', (byte) 0xff, 0});
  }

  private record Run(int exit, String out, String err) {}

  private Run run(String command, String yaml) throws IOException {
    Path file = Files.writeString(dir.resolve(command + ".yaml"), yaml);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(new String[] {command, "--config", file.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** check-config and serve both exit 1 with exactly {@code expected}, and print no path. */
  private void bothRefuse(String yaml, String expected) throws IOException {
    for (String command : List.of("check-config", "serve")) {
      Run r = run(command, yaml);
      assertEquals(1, r.exit, command + ": " + r.out + r.err);
      assertEquals(expected + "\n", r.err, command);
      assertTrue(r.out.isEmpty(), command + ": " + r.out);
    }
  }

  @Test
  void aMissingCertificateFileIsRefused() throws IOException {
    bothRefuse(config(goodKey().toString(), dir.resolve("aws-identity.pem").toString()),
        "config: agentApi.identityCertificates[0]: no such file");
  }

  @Test
  void anUnparsableCertificateIsRefused() throws IOException {
    bothRefuse(config(goodKey().toString(), garbage("cert.pem").toString()),
        "config: agentApi.identityCertificates[0]: must be X.509 certificates in PEM (a file or inline text)");
  }

  @Test
  void aMissingPrivateKeyFileIsRefused() throws IOException {
    bothRefuse(config(dir.resolve("app.pem").toString(), goodCertificate().toString()),
        "config: github.privateKeyFile: no such file");
  }

  @Test
  void aGarbagePrivateKeyFileIsRefused() throws IOException {
    bothRefuse(config(garbage("app.pem").toString(), goodCertificate().toString()),
        "config: github.privateKeyFile: must be an RSA private key in PEM (PKCS#1 or PKCS#8)");
    Files.writeString(dir.resolve("cert-as-key.pem"), IdentityDocuments.newSigner("x").certificatePem());
    bothRefuse(config(dir.resolve("cert-as-key.pem").toString(), goodCertificate().toString()),
        "config: github.privateKeyFile: must be an RSA private key in PEM (PKCS#1 or PKCS#8)");
  }

  @Test
  void anAppWithoutAKeyIsRefused() throws IOException {
    bothRefuse(config("x", goodCertificate().toString()).replace("  privateKeyFile: \"x\"\n", ""),
        "config: github.privateKeyFile: required with github.appId and github.owner (or github.privateKeySecretId)");
  }

  @Test
  void goodFilesPassAndTheNetworkChecksAreNamed() throws IOException {
    Files.writeString(dir.resolve("app8.pem"), TestAppKeys.pkcs8Pem());
    Run pkcs1 = run("check-config", config(goodKey().toString(), goodCertificate().toString()));
    assertEquals(0, pkcs1.exit, pkcs1.err);
    assertEquals("""
        config OK: 1 pool(s) (linux), queue embedded, ledger memory
        not checked, needs the network (serve checks them by starting): github.appId (GitHub App installation)
        """, pkcs1.out);
    Run pkcs8 = run("check-config", config(dir.resolve("app8.pem").toString(), goodCertificate().toString()));
    assertEquals(0, pkcs8.exit, pkcs8.err);
  }

  @Test
  void aKeyInSecretsManagerIsLeftToServe() throws IOException {
    String yaml = config("x", goodCertificate().toString())
        .replace("privateKeyFile: \"x\"", "privateKeySecretId: hangar/github-app")
        .replace("queue: {embedded: true}",
            "queue: {url: \"https://sqs.us-east-1.amazonaws.com/123456789012/hangar-jobs.fifo\"}")
        + "ledger: {type: dynamodb, table: hangar-ledger}\n";
    Run r = run("check-config", yaml);
    assertEquals(0, r.exit, r.err);
    assertTrue(r.out.contains("not checked, needs the network (serve checks them by starting): "
        + "github.privateKeySecretId (Secrets Manager), queue.url (SQS), ledger.table (DynamoDB), "
        + "github.appId (GitHub App installation)"), r.out);
  }

  @Test
  void certificatesAreCheckedEvenWithoutAnApp() throws IOException {
    String yaml = config("x", dir.resolve("missing.pem").toString())
        .replace("  appId: 1\n", "").replace("  privateKeyFile: \"x\"\n", "");
    bothRefuse(yaml, "config: agentApi.identityCertificates[0]: no such file");
  }
}
