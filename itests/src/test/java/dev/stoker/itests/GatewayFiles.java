package dev.stoker.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Modules, JDBC driver jars and gateway backups as the emulator (and Ignition) read them, and their upload. */
final class GatewayFiles {
  private GatewayFiles() {
  }

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** An unsigned third-party module. */
  static byte[] module(String id) throws IOException {
    Map<String, byte[]> e = new LinkedHashMap<>();
    e.put("module.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><modules><module><id>" + id
        + "</id><name>IT Module</name><version>1.0.0</version><requiredIgnitionVersion>8.1.0</requiredIgnitionVersion>"
        + "</module></modules>"));
    e.put("it-module-gateway.jar", utf8("not really a jar"));
    return zip(e);
  }

  /** A driver jar declaring one java.sql.Driver. */
  static byte[] driver(String driverClass) throws IOException {
    Map<String, byte[]> e = new LinkedHashMap<>();
    e.put("META-INF/MANIFEST.MF", utf8("Manifest-Version: 1.0\n"));
    e.put("META-INF/services/java.sql.Driver", utf8(driverClass + "\n"));
    e.put(driverClass.replace('.', '/') + ".class", new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
    return zip(e);
  }

  /** A gateway backup of {@code version} holding one project per name. */
  static byte[] backup(String version, String... projects) throws IOException {
    Map<String, byte[]> e = new LinkedHashMap<>();
    e.put("backupinfo.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><backupinfo><version>" + version
        + "</version><timestamp>2026-01-01T00:00:00Z</timestamp><gatewayName>it</gatewayName>"
        + "<edition>standard</edition></backupinfo>"));
    e.put("gateway.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE properties SYSTEM "
        + "\"http://java.sun.com/dtd/properties.dtd\"><properties></properties>"));
    e.put("redundancy.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE properties SYSTEM "
        + "\"http://java.sun.com/dtd/properties.dtd\"><properties></properties>"));
    e.put("ignition.conf", utf8("wrapper.java.maxmemory=1024\n"));
    e.put("logback.xml", utf8("<configuration/>"));
    e.put("db_backup_sqlite.idb", new byte[0]);
    for (String p : projects) {
      e.put("projects/" + p + "/project.json", utf8("{\"title\":\"" + p + "\",\"description\":\"\",\"enabled\":true,"
          + "\"inheritable\":false,\"parent\":\"\"}"));
    }
    return zip(e);
  }

  /** Uploads a file as an octet-stream body; answers status and JSON. */
  static Http.Answer upload(int port, String token, String fileName, byte[] content) throws Exception {
    HttpResponse<String> r = Uploads.postBytes("http://127.0.0.1:" + port + "/api/v1/artifacts?fileName="
        + java.net.URLEncoder.encode(fileName, StandardCharsets.UTF_8), "application/octet-stream", content,
        "Authorization", "Bearer " + token);
    return new Http.Answer(r.statusCode(), r.body().isEmpty() ? null : Http.JSON.readTree(r.body()),
        r.headers().firstValue("Content-Type").orElse(""), r.headers());
  }

  /** Uploads a file as a multipart form (part {@code file}, file name in its Content-Disposition). */
  static Http.Answer uploadForm(int port, String token, String fileName, byte[] content) throws Exception {
    String boundary = "stoker-it-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/artifacts")).timeout(java.time.Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Http.Answer(r.statusCode(), r.body().isEmpty() ? null : Http.JSON.readTree(r.body()),
        r.headers().firstValue("Content-Type").orElse(""), r.headers());
  }
}
