package dev.stoker.api.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.function.Function;

/**
 * Runs work in one resource-local transaction (or a read without one) and always closes the entity
 * manager. Safe for concurrent use: each call has its own entity manager.
 */
public final class Transactions {
  private final EntityManagerFactory emf;

  /** @param emf the factory to draw entity managers from */
  public Transactions(EntityManagerFactory emf) {
    this.emf = emf;
  }

  /** Runs {@code work} in a transaction that commits when it returns and rolls back when it throws. */
  public <T> T write(Function<EntityManager, T> work) {
    EntityManager em = emf.createEntityManager();
    EntityTransaction tx = em.getTransaction();
    try {
      tx.begin();
      T result = work.apply(em);
      tx.commit();
      return result;
    } finally {
      if (tx.isActive()) {
        tx.rollback();
      }
      em.close();
    }
  }

  /** Runs {@code work} without a transaction. */
  public <T> T read(Function<EntityManager, T> work) {
    EntityManager em = emf.createEntityManager();
    try {
      return work.apply(em);
    } finally {
      em.close();
    }
  }
}
