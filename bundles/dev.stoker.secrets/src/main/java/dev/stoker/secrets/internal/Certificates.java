package dev.stoker.secrets.internal;

import dev.stoker.api.common.InvalidInputException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * TLS and OPC UA certificates with their private key, imported from PEM (certificate chain plus an
 * optional, possibly encrypted key) or PKCS#12. The stored form is always PEM: the chain, leaf first,
 * then the key as unencrypted PKCS#8 (the store encrypts it). Subject, issuer, SANs and validity are
 * parsed into metadata.
 *
 * <p>Bouncy Castle is used through a private provider instance, never registered globally.
 */
final class Certificates {
  private static final Provider BC = new BouncyCastleProvider();
  private static final int ATTRIBUTE_MAX = 1000;

  private Certificates() {
  }

  static Values.Parsed parse(byte[] value, char[] importPassword) {
    List<X509Certificate> chain = new ArrayList<>();
    PrivateKey key;
    String source;
    if (Values.looksLikePem(value)) {
      key = readPem(value, importPassword, chain);
      source = "pem";
    } else if (value.length > 0 && value[0] == 0x30) {
      key = readPkcs12(value, importPassword, chain);
      source = "pkcs12";
    } else {
      throw new InvalidInputException("value: not a PEM certificate or a PKCS#12 file");
    }
    if (chain.isEmpty()) {
      throw new InvalidInputException("value: not a PEM certificate (no CERTIFICATE block found)");
    }
    X509Certificate leaf = chain.get(0);
    if (key != null) {
      leaf = chain.stream().filter(c -> matches(key, c)).findFirst().orElseThrow(
          () -> new InvalidInputException("value: the private key does not match any certificate"));
      chain.remove(leaf);
      chain.add(0, leaf);
    }
    StringBuilder pem = new StringBuilder();
    try {
      for (X509Certificate c : chain) {
        pem(pem, "CERTIFICATE", c.getEncoded());
      }
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException("value: a certificate cannot be encoded");
    }
    if (key != null) {
      pem(pem, "PRIVATE KEY", key.getEncoded());
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("subject", clip(leaf.getSubjectX500Principal().getName(X500Principal.RFC2253)));
    attributes.put("issuer", clip(leaf.getIssuerX500Principal().getName(X500Principal.RFC2253)));
    attributes.put("serial", leaf.getSerialNumber().toString(16));
    attributes.put("notBefore", leaf.getNotBefore().toInstant().toString());
    attributes.put("notAfter", leaf.getNotAfter().toInstant().toString());
    attributes.put("sans", clip(String.join(", ", sans(leaf))));
    attributes.put("keyAlgorithm", leaf.getPublicKey().getAlgorithm());
    attributes.put("fingerprintSha256", fingerprint(leaf));
    attributes.put("chainLength", Integer.toString(chain.size()));
    attributes.put("hasPrivateKey", Boolean.toString(key != null));
    attributes.put("importedFrom", source);
    Instant expires = leaf.getNotAfter().toInstant();
    return new Values.Parsed(pem.toString().getBytes(StandardCharsets.US_ASCII), expires, attributes);
  }

  private static PrivateKey readPem(byte[] value, char[] password, List<X509Certificate> chain) {
    PrivateKey key = null;
    JcaX509CertificateConverter certs = new JcaX509CertificateConverter().setProvider(BC);
    JcaPEMKeyConverter keys = new JcaPEMKeyConverter().setProvider(BC);
    try (Reader r = new InputStreamReader(new ByteArrayInputStream(value), StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      Object o;
      while ((o = parser.readObject()) != null) {
        PrivateKey found = null;
        if (o instanceof X509CertificateHolder holder) {
          chain.add(certs.getCertificate(holder));
        } else if (o instanceof PEMKeyPair pair) {
          found = keys.getKeyPair(pair).getPrivate();
        } else if (o instanceof PrivateKeyInfo info) {
          found = keys.getPrivateKey(info);
        } else if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
          requirePassword(password, "an encrypted private key");
          try {
            found = keys.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password)));
          } catch (org.bouncycastle.pkcs.PKCSException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new InvalidInputException("importPassword: wrong password for the encrypted private key");
          }
        } else if (o instanceof PEMEncryptedKeyPair encrypted) {
          requirePassword(password, "an encrypted private key");
          try {
            found = keys.getKeyPair(encrypted.decryptKeyPair(
                new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password))).getPrivate();
          } catch (org.bouncycastle.openssl.EncryptionException e) {
            throw new InvalidInputException("importPassword: wrong password for the encrypted private key");
          }
        }
        if (found != null) {
          if (key != null) {
            throw new InvalidInputException("value: more than one private key");
          }
          key = found;
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
          && (iae.getMessage().startsWith("value:") || iae.getMessage().startsWith("importPassword:"))) {
        throw iae;
      }
      // Parser messages can quote the input: never pass them on.
      throw new InvalidInputException("value: not a PEM certificate (malformed PEM)");
    }
    return key;
  }

  private static PrivateKey readPkcs12(byte[] value, char[] password, List<X509Certificate> chain) {
    requirePassword(password, "a PKCS#12 file");
    KeyStore store;
    try {
      store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(value), password);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
        throw new InvalidInputException("importPassword: wrong password for the PKCS#12 file");
      }
      throw new InvalidInputException("value: not a PKCS#12 file (malformed)");
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new InvalidInputException("value: not a PKCS#12 file (malformed)");
    }
    try {
      PrivateKey key = null;
      List<X509Certificate> trusted = new ArrayList<>();
      for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements();) {
        String alias = aliases.nextElement();
        if (store.isKeyEntry(alias)) {
          if (key != null) {
            throw new InvalidInputException("value: the PKCS#12 file holds more than one private key");
          }
          Key k = store.getKey(alias, password);
          if (!(k instanceof PrivateKey pk)) {
            throw new InvalidInputException("value: the PKCS#12 key entry is not a private key");
          }
          key = pk;
          Certificate[] certs = store.getCertificateChain(alias);
          if (certs != null) {
            for (Certificate c : certs) {
              chain.add((X509Certificate) c);
            }
          }
        } else if (store.getCertificate(alias) instanceof X509Certificate c) {
          trusted.add(c);
        }
      }
      chain.addAll(trusted);
      return key;
    } catch (UnrecoverableKeyException e) {
      throw new InvalidInputException("importPassword: wrong password for the PKCS#12 key entry");
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException("value: not a PKCS#12 file (unreadable entry)");
    }
  }

  private static void requirePassword(char[] password, String what) {
    if (password == null) {
      throw new InvalidInputException("importPassword: required for " + what);
    }
  }

  /** Signs random data with the key and verifies it with the certificate's public key. */
  private static boolean matches(PrivateKey key, X509Certificate cert) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA", "RSASSA-PSS" -> "SHA256withRSA";
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "DSA" -> "SHA256withDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      case "Ed448" -> "Ed448";
      default -> null;
    };
    if (algorithm == null) {
      return false;
    }
    try {
      byte[] probe = new byte[32];
      new SecureRandom().nextBytes(probe);
      Signature signer = Signature.getInstance(algorithm, BC);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm, BC);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static List<String> sans(X509Certificate cert) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      if (names == null) {
        return out;
      }
      for (List<?> n : names) {
        int kind = (Integer) n.get(0);
        String prefix = switch (kind) {
          case 1 -> "email:";
          case 2 -> "DNS:";
          case 6 -> "URI:";
          case 7 -> "IP:";
          default -> null;
        };
        if (prefix != null && n.get(1) instanceof String s) {
          out.add(prefix + s);
        }
      }
    } catch (CertificateParsingException e) {
      out.add("(unparseable)");
    }
    return out;
  }

  private static String fingerprint(X509Certificate cert) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (GeneralSecurityException e) {
      return "";
    }
  }

  private static void pem(StringBuilder out, String type, byte[] der) {
    out.append("-----BEGIN ").append(type).append("-----\n")
        .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der))
        .append("\n-----END ").append(type).append("-----\n");
  }

  private static String clip(String s) {
    return s.length() <= ATTRIBUTE_MAX ? s : s.substring(0, ATTRIBUTE_MAX - 1) + "…";
  }
}
