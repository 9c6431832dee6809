package dev.stoker.backup.internal;

import dev.stoker.api.store.Persistence;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/** The backup service's collaborators for tests: a store over a real data source and a configuration. */
final class TestParts {
  private TestParts() {
  }

  static Persistence persistence(DataSource ds, String product) {
    return new Persistence() {
      @Override
      public EntityManagerFactory createEntityManagerFactory(String unitName, List<Class<?>> entities) {
        throw new UnsupportedOperationException();
      }

      @Override
      public DataSource dataSource() {
        return ds;
      }

      @Override
      public String databaseProduct() {
        return product;
      }
    };
  }

  static BackupConfig config(int keep, String pgBinDirectory) {
    return new BackupConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return BackupConfig.class;
      }

      @Override
      public String directory() {
        return "";
      }

      @Override
      public int everyHours() {
        return 0;
      }

      @Override
      public int keep() {
        return keep;
      }

      @Override
      public String passphraseEnv() {
        return "";
      }

      @Override
      public String pgBinDirectory() {
        return pgBinDirectory;
      }
    };
  }

  static void sql(DataSource ds, String... statements) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
