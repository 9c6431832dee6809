package dev.stoker.secrets.internal;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Generates certificates, PKCS#12 files and SSH keys for tests, with JCA and Bouncy Castle. */
final class TestKeys {
  private TestKeys() {
  }

  record Issued(KeyPair keys, X509Certificate cert) {
  }

  static Issued selfSigned(String cn, Instant notAfter) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    X500Name name = new X500Name("CN=" + cn + ",O=Stoker Test");
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(4242),
        Date.from(Instant.parse("2025-01-01T00:00:00Z")), Date.from(notAfter), name, kp.getPublic());
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, "gw.example.test"),
        new GeneralName(GeneralName.iPAddress, "10.1.2.3"),
        new GeneralName(GeneralName.uniformResourceIdentifier, "urn:stoker:test:gateway")}));
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    return new Issued(kp, cert);
  }

  static String pem(Issued issued, boolean withKey) throws Exception {
    StringWriter w = new StringWriter();
    w.write(block("CERTIFICATE", issued.cert().getEncoded()));
    if (withKey) {
      w.write(block("PRIVATE KEY", issued.keys().getPrivate().getEncoded()));
    }
    return w.toString();
  }

  static byte[] pkcs12(Issued issued, char[] password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("gateway", issued.keys().getPrivate(), password, new Certificate[] {issued.cert()});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ks.store(out, password);
    return out.toByteArray();
  }

  static String opensshEd25519() throws Exception {
    KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] blob = OpenSSHPrivateKeyUtil.encodePrivateKey(PrivateKeyFactory.createKey(kp.getPrivate().getEncoded()));
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(70, new byte[] {'\n'}).encodeToString(blob)
        + "\n-----END OPENSSH PRIVATE KEY-----\n";
  }

  static String block(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
