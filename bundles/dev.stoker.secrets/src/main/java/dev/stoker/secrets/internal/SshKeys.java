package dev.stoker.secrets.internal;

import dev.stoker.api.common.InvalidInputException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Validates SSH keys: OpenSSH private keys ({@code openssh-key-v1}, encrypted or not), PEM private keys
 * (PKCS#1, SEC1, PKCS#8) and {@code ssh-*} public key lines. Parsed metadata: key type, SHA-256
 * fingerprint of the public key (as {@code ssh-keygen -l} prints it), whether the key is encrypted.
 */
final class SshKeys {
  private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final String OPENSSH_BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
  private static final String OPENSSH_END = "-----END OPENSSH PRIVATE KEY-----";
  private static final String BAD = "value: not an SSH key (an OpenSSH or PEM private key, or an ssh-* public key line)";

  private SshKeys() {
  }

  static Values.Parsed parse(byte[] value) {
    String text = new String(value, StandardCharsets.US_ASCII).strip();
    try {
      Map<String, String> attributes = new LinkedHashMap<>();
      if (text.startsWith(OPENSSH_BEGIN)) {
        int end = text.indexOf(OPENSSH_END);
        if (end < 0) {
          throw new InvalidInputException(BAD);
        }
        byte[] blob = Base64.getMimeDecoder().decode(text.substring(OPENSSH_BEGIN.length(), end));
        openssh(blob, attributes);
        attributes.put("format", "openssh");
      } else if (text.startsWith("-----BEGIN ")) {
        pem(value, attributes);
        attributes.put("format", "pem");
      } else if (text.startsWith("ssh-") || text.startsWith("ecdsa-")) {
        String[] parts = text.split("\\s+", 3);
        if (parts.length < 2 || text.contains("\n")) {
          throw new InvalidInputException(BAD);
        }
        byte[] blob = Base64.getDecoder().decode(parts[1]);
        OpenSSHPublicKeyUtil.parsePublicKey(blob);
        attributes.put("keyType", readString(ByteBuffer.wrap(blob)));
        attributes.put("fingerprint", fingerprint(blob));
        attributes.put("kind", "public");
        attributes.put("format", "openssh");
      } else {
        throw new InvalidInputException(BAD);
      }
      return new Values.Parsed(value, null, attributes);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("value:")) {
        throw e;
      }
      throw new InvalidInputException(BAD);
    } catch (RuntimeException | IOException e) {
      throw new InvalidInputException(BAD); // parser messages may quote the input
    }
  }

  private static void openssh(byte[] blob, Map<String, String> attributes) {
    ByteBuffer b = ByteBuffer.wrap(blob);
    byte[] magic = new byte[MAGIC.length];
    b.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new InvalidInputException(BAD);
    }
    String cipher = readString(b);
    readString(b); // kdf name
    readBytes(b); // kdf options
    int keys = b.getInt();
    if (keys != 1) {
      throw new InvalidInputException("value: an OpenSSH key file must hold exactly one key");
    }
    byte[] publicBlob = readBytes(b);
    OpenSSHPublicKeyUtil.parsePublicKey(publicBlob);
    boolean encrypted = !"none".equals(cipher);
    if (!encrypted) {
      OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(blob); // checks the private part and its check words
    }
    attributes.put("keyType", readString(ByteBuffer.wrap(publicBlob)));
    attributes.put("fingerprint", fingerprint(publicBlob));
    attributes.put("kind", "private");
    attributes.put("encrypted", Boolean.toString(encrypted));
  }

  private static void pem(byte[] value, Map<String, String> attributes) throws IOException {
    try (Reader r = new InputStreamReader(new ByteArrayInputStream(value), StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      Object o = parser.readObject();
      String type;
      boolean encrypted = false;
      if (o instanceof PEMKeyPair pair) {
        type = pair.getPrivateKeyInfo().getPrivateKeyAlgorithm().getAlgorithm().getId();
      } else if (o instanceof PrivateKeyInfo info) {
        type = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
      } else if (o instanceof PEMEncryptedKeyPair) {
        type = "encrypted";
        encrypted = true;
      } else if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
        type = "encrypted";
        encrypted = true;
      } else {
        throw new InvalidInputException(BAD);
      }
      attributes.put("keyType", algorithmName(type));
      attributes.put("kind", "private");
      attributes.put("encrypted", Boolean.toString(encrypted));
    }
  }

  private static String algorithmName(String oid) {
    return switch (oid) {
      case "1.2.840.113549.1.1.1" -> "rsa";
      case "1.2.840.10045.2.1" -> "ecdsa";
      case "1.3.101.112" -> "ed25519";
      case "1.2.840.10040.4.1" -> "dsa";
      default -> oid;
    };
  }

  private static String readString(ByteBuffer b) {
    return new String(readBytes(b), StandardCharsets.US_ASCII);
  }

  private static byte[] readBytes(ByteBuffer b) {
    int n = b.getInt();
    if (n < 0 || n > b.remaining()) {
      throw new InvalidInputException(BAD);
    }
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  static String fingerprint(byte[] publicBlob) {
    try {
      return "SHA256:" + Base64.getEncoder().withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(publicBlob));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
