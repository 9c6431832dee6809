package dev.stoker.repository.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

/**
 * Writes the new files of an import as Git blobs (the content, or a pointer to the blob store) on several
 * threads. Hashing (SHA-1 with collision detection) and compressing are what an import of a large project
 * spends its time on; each thread writes its share into a pack of its own. Nothing is visible before every
 * share succeeded: the packs are flushed, and the project's blob record written in one go, only then. A
 * failed share leaves no pack behind.
 */
final class ImportInserts {
  private final int threads;
  private final ExecutorService pool;

  ImportInserts(int threads) {
    this.threads = Math.max(1, threads);
    this.pool = Executors.newFixedThreadPool(this.threads, r -> {
      Thread t = new Thread(r, "stoker-repository-import");
      t.setDaemon(true);
      return t;
    });
  }

  void close() {
    pool.shutdownNow();
  }

  /**
   * Replaces the content ({@code byte[]}) of each file of the units by the id of its blob; files already given
   * as ids stay. Blobs that go to the blob store are recorded in {@code record} before this returns.
   */
  void insert(Repository repo, BlobPointers pointers, BlobRecord record,
      SortedMap<String, SortedMap<String, Object>> units) throws IOException {
    List<Map.Entry<String, Object>> files = new ArrayList<>();
    for (SortedMap<String, Object> unit : units.values()) {
      for (Map.Entry<String, Object> file : unit.entrySet()) {
        if (file.getValue() instanceof byte[] content) {
          pointers.checkSize(file.getKey(), content);
          files.add(file);
        }
      }
    }
    int shares = files.size() < PackInserters.THRESHOLD ? 1 : threads;
    List<List<Map.Entry<String, Object>>> parts = balanced(files, shares);
    List<ObjectInserter> inserters = new ArrayList<>();
    List<String> blobs = new ArrayList<>();
    try {
      for (List<Map.Entry<String, Object>> part : parts) {
        inserters.add(PackInserters.forFiles(repo, part.size()));
      }
      if (parts.size() == 1) {
        blobs.addAll(insert(pointers, inserters.get(0), parts.get(0)));
      } else {
        List<Future<List<String>>> done = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
          ObjectInserter inserter = inserters.get(i);
          List<Map.Entry<String, Object>> part = parts.get(i);
          done.add(pool.submit(() -> insert(pointers, inserter, part)));
        }
        for (Future<List<String>> share : done) {
          blobs.addAll(join(share));
        }
      }
      record.addAll(blobs);
      for (ObjectInserter inserter : inserters) {
        inserter.flush();
      }
    } finally {
      inserters.forEach(ObjectInserter::close);
    }
  }

  /** @return the blob-store blobs the share's pointers name */
  private static List<String> insert(BlobPointers pointers, ObjectInserter inserter,
      List<Map.Entry<String, Object>> part) throws IOException {
    List<String> blobs = new ArrayList<>();
    for (Map.Entry<String, Object> file : part) {
      BlobPointers.Stored stored = pointers.toGit(file.getKey(), (byte[]) file.getValue());
      if (stored.sha256() != null) {
        blobs.add(stored.sha256());
      }
      file.setValue(inserter.insert(Constants.OBJ_BLOB, stored.git()));
    }
    return blobs;
  }

  /** Largest first, each to the lightest share: shares of about equal bytes. */
  private static List<List<Map.Entry<String, Object>>> balanced(List<Map.Entry<String, Object>> files, int shares) {
    List<List<Map.Entry<String, Object>>> parts = new ArrayList<>();
    long[] bytes = new long[shares];
    for (int i = 0; i < shares; i++) {
      parts.add(new ArrayList<>());
    }
    List<Map.Entry<String, Object>> bySize = new ArrayList<>(files);
    bySize.sort(Comparator.comparingInt((Map.Entry<String, Object> f) -> ((byte[]) f.getValue()).length).reversed());
    for (Map.Entry<String, Object> file : bySize) {
      int lightest = 0;
      for (int i = 1; i < shares; i++) {
        lightest = bytes[i] < bytes[lightest] ? i : lightest;
      }
      parts.get(lightest).add(file);
      bytes[lightest] += ((byte[]) file.getValue()).length;
    }
    parts.removeIf(List::isEmpty);
    if (parts.isEmpty()) {
      parts.add(new ArrayList<>());
    }
    return parts;
  }

  private static <T> T join(Future<T> share) throws IOException {
    try {
      return share.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing an import", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new UncheckedIOException(new IOException(cause));
    }
  }
}
