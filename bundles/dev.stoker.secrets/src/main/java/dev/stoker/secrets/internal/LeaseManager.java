package dev.stoker.secrets.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.SecretLease;
import dev.stoker.api.security.AuditOutcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grants, renders and ends leases: values resolved through a scope chain ({@link Reveals}) written into
 * lease files ({@link Leases}), each read audited as {@code secret.read} naming the lease.
 */
final class LeaseManager {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseManager.class);
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final int MAX_LEASE_PATHS = 100;
  private static final int MAX_TEMPLATE_CHARS = 65536;

  private final Leases leases;
  private final Reveals reveals;
  private final AuditTrail audit;
  private final Duration maxLease;
  private final Clock clock;

  LeaseManager(Leases leases, Reveals reveals, AuditTrail audit, Duration maxLease, Clock clock) {
    this.leases = leases;
    this.reveals = reveals;
    this.audit = audit;
    this.maxLease = maxLease;
    this.clock = clock;
  }

  SecretLease lease(ScopeChain chain, Collection<String> paths, Duration ttl, String actor) {
    Instant expires = expiry(ttl);
    if (paths == null || paths.isEmpty()) {
      throw new InvalidInputException("paths: at least one secret path is required");
    }
    if (paths.size() > MAX_LEASE_PATHS) {
      throw new InvalidInputException("paths: at most " + MAX_LEASE_PATHS + " per lease");
    }
    String id = leases.newId();
    List<Leases.Entry> entries = new ArrayList<>();
    List<Reveals.Resolved> reads = new ArrayList<>();
    Set<String> names = new HashSet<>();
    try {
      for (String requested : new LinkedHashSet<>(paths)) {
        Reveals.Resolved r = reveals.resolveValue(chain, requested, "paths");
        if (r == null) {
          throw new InvalidInputException("paths: unknown secret '" + requested + "'");
        }
        reads.add(r);
        entries.add(new Leases.Entry(requested, fileName(requested, names), r.value()));
      }
      for (Reveals.Resolved r : reads) {
        audit.record(actor, "secret.read", r.reference(), AuditOutcome.SUCCESS, "version " + r.version()
            + " into lease " + id);
      }
      SecretLease lease = leases.create(id, expires, entries);
      LOG.debug("Lease {} granted for {} secret(s) until {}", id, entries.size(), expires);
      return lease;
    } catch (IOException e) {
      throw new ConflictException("lease: cannot write the lease files: " + e.getMessage(), e);
    } finally {
      reads.forEach(r -> Values.wipe(r.value()));
    }
  }

  SecretLease render(ScopeChain chain, String template, String fileName, Duration ttl, String actor) {
    Instant expires = expiry(ttl);
    if (template == null || template.isEmpty()) {
      throw new InvalidInputException("template: required");
    }
    if (template.length() > MAX_TEMPLATE_CHARS) {
      throw new InvalidInputException("template: longer than " + MAX_TEMPLATE_CHARS + " characters");
    }
    if (fileName == null || !FILE_NAME.matcher(fileName).matches()) {
      throw new InvalidInputException("fileName: 1-100 letters, digits, '.', '_' or '-', not starting with '.'");
    }
    String id = leases.newId();
    List<Reveals.Resolved> reads = new ArrayList<>();
    Map<String, Reveals.Resolved> cache = new HashMap<>();
    byte[] rendered = null;
    try {
      rendered = EnvTemplate.render(template, ref -> {
        Reveals.Resolved r = cache.computeIfAbsent(ref, k -> reveals.resolveValue(chain, k, "template"));
        if (r == null) {
          cache.remove(ref);
          return null;
        }
        if (!reads.contains(r)) {
          reads.add(r);
        }
        return r.value().clone();
      });
      for (Reveals.Resolved r : reads) {
        audit.record(actor, "secret.read", r.reference(), AuditOutcome.SUCCESS, "version " + r.version()
            + " rendered into lease " + id);
      }
      return leases.create(id, expires, List.of(new Leases.Entry(fileName, fileName, rendered)));
    } catch (IOException e) {
      throw new ConflictException("lease: cannot write the lease file: " + e.getMessage(), e);
    } finally {
      Values.wipe(rendered);
      reads.forEach(r -> Values.wipe(r.value()));
    }
  }

  boolean release(String leaseId, String actor) {
    boolean existed = leases.release(leaseId);
    if (existed) {
      audit.record(actor, "secret.lease.release", "lease:" + leaseId, AuditOutcome.SUCCESS, "files removed");
    }
    return existed;
  }

  List<SecretLease> leases() {
    return leases.list();
  }

  /** Removes expired leases. @return how many */
  int sweep() {
    return leases.sweep();
  }

  private Instant expiry(Duration ttl) {
    if (ttl == null) {
      throw new InvalidInputException("ttl: required");
    }
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(maxLease) > 0) {
      throw new InvalidInputException("ttl: must be between 1 second and " + maxLease.toMinutes() + " minutes");
    }
    return clock.instant().plus(ttl);
  }

  private static String fileName(String requested, Set<String> taken) {
    String base = requested.replace('/', '_').replace('#', '.');
    if (base.startsWith(".")) {
      base = "_" + base;
    }
    String name = base;
    for (int i = 2; !taken.add(name); i++) {
      name = base + "-" + i;
    }
    return name;
  }
}
