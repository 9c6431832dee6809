package dev.stoker.rest.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuthService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.servlet.Servlet;
import javax.servlet.ServletConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.ResourceProvider;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.apache.cxf.transport.http.DestinationRegistryImpl;
import org.apache.cxf.transport.http.HTTPTransportFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the HTTP API at {@code /api/v1}: the {@link RestResource} services (a whiteboard) on one CXF
 * JAX-RS server, served by a servlet registered with the OSGi HTTP whiteboard at {@code /api/*}.
 *
 * <p>Resources come and go with the services they need. Each change asks for a rebuild of the endpoint;
 * rebuilds are coalesced (a burst at boot makes one) and run on one thread, and the new endpoint replaces
 * the old one at once ({@link ApiServlet}). Resources of this bundle that are not active stay in the endpoint
 * as placeholders, so that their paths answer 401/403 as usual and then 503 naming what they wait for
 * ({@link AvailabilityFilter}), and so that the OpenAPI document always lists every endpoint.
 */
@Component(immediate = true, configurationPid = "dev.stoker.rest", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RestConfig.class)
public class ApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  /** A rebuild waits for this long without changes ... */
  static final long QUIET_MS = 150;
  /** ... but no longer than this after the first change of a burst. */
  static final long MAX_DELAY_MS = 2_000;

  @Reference
  private ServiceComponentRuntime scr;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile AuthService auth;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile AuditLog audit;

  /** The resources registered now (identity: components do not override equals). */
  private final Set<RestResource> live = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  // guarded by lock
  private boolean active;
  private Coalescer rebuilds;
  // written in activate before the first build; read by builds and filters afterwards
  private volatile ResourceCatalog catalog;
  private volatile List<Class<?>> declared = List.of();
  private volatile String version = "0";
  private volatile RestConfig config;
  private ApiServlet servlet;
  private ServiceRegistration<Servlet> registration;

  @Reference(service = RestResource.class, cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
  void addResource(RestResource resource) {
    live.add(resource);
    changed();
  }

  void removeResource(RestResource resource) {
    live.remove(resource);
    changed();
  }

  private void changed() {
    Coalescer c;
    synchronized (lock) {
      c = rebuilds;
    }
    if (c != null) {
      c.request();
    }
  }

  @Activate
  void activate(BundleContext context, RestConfig restConfig) throws ServletException {
    config = restConfig;
    version = context.getBundle().getVersion().toString();
    catalog = new ResourceCatalog(scr, context.getBundle());
    declared = catalog.resourceClasses();
    servlet = new ApiServlet();
    Generation first = build();
    servlet.publish(first);
    synchronized (lock) {
      active = true;
      rebuilds = new Coalescer("stoker-api-rebuild", QUIET_MS, MAX_DELAY_MS, this::rebuild);
    }
    if (!Set.copyOf(first.resources().values()).equals(Set.copyOf(live))) {
      changed(); // a resource came or went during the first build
    }
    Hashtable<String, Object> props = new Hashtable<>();
    props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, "/api/*");
    props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "stoker-api");
    registration = context.registerService(Servlet.class, servlet, props);
  }

  @Deactivate
  void deactivate() {
    Coalescer c;
    synchronized (lock) {
      active = false;
      c = rebuilds;
      rebuilds = null;
    }
    if (c != null) {
      c.close();
    }
    if (registration != null) {
      registration.unregister();
    }
    Generation g = servlet == null ? null : servlet.current();
    if (g != null) {
      g.destroy();
    }
  }

  /** Builds the endpoint for the resources registered now and serves it instead of the current one. */
  private void rebuild() {
    Generation next = build();
    synchronized (lock) {
      if (active) {
        try {
          servlet.publish(next);
          LOG.debug("API endpoint rebuilt with {} resources", next.resources().size());
          return;
        } catch (ServletException | RuntimeException e) {
          LOG.error("Could not serve the rebuilt API endpoint; keeping the previous one", e);
        }
      }
    }
    next.destroy();
  }

  private Generation build() {
    Map<Class<?>, Object> published = new LinkedHashMap<>();
    for (RestResource r : live) {
      if (published.putIfAbsent(r.getClass(), r) != null) {
        LOG.warn("Two {} services registered; serving one", r.getClass().getName());
      }
    }
    Set<Class<?>> placeholders = new HashSet<>(declared);
    placeholders.removeAll(published.keySet());
    Set<Class<?>> documented = new TreeSet<>(Comparator.comparing(Class::getName));
    documented.addAll(declared);
    documented.addAll(published.keySet());
    Map<String, Object> document = new OpenApiBuilder().build(version, documented);

    List<ResourceProvider> providers = new ArrayList<>();
    published.values().forEach(r -> providers.add(new SingletonResourceProvider(r)));
    placeholders.forEach(c -> providers.add(new Unserved(c)));
    providers.add(new SingletonResourceProvider(new OpenApiResource(document)));

    ResourceCatalog resources = catalog;
    Function<Class<?>, String> missing = c -> {
      Object r = published.get(c);
      if (r != null) {
        return live.contains(r) ? null : resources.missing(c); // gone since this build
      }
      return placeholders.contains(c) ? resources.missing(c) : null;
    };
    RestConfig limits = config;
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(getClass().getClassLoader());
    Bus bus = BusFactory.newInstance().createBus();
    try {
      // CXF's HTTP transport in OSGi keeps one registry of addresses for every bus: a second server on /v1
      // would be refused while the first runs. Each generation gets its own registry and transport.
      DestinationRegistry addresses = new DestinationRegistryImpl();
      JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
      factory.setBus(bus);
      factory.setDestinationFactory(new HTTPTransportFactory(addresses));
      factory.setAddress("/v1");
      factory.setResourceProviders(providers);
      factory.setProviders(List.of(new JacksonJsonProvider(objectMapper()), new ProblemMapper(),
          new BodyLimitFilter(limits.maxBodyBytes(), limits.maxUploadBytes()), new AuthFilter(() -> auth),
          new AvailabilityFilter(missing), new AuditFilter(() -> audit)));
      Server server = factory.create();
      CXFNonSpringServlet cxf = new CXFNonSpringServlet(addresses, bus);
      return new Generation(new CxfParts(bus, server, cxf), published);
    } catch (RuntimeException e) {
      bus.shutdown(true);
      throw e;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  static ObjectMapper objectMapper() {
    return new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  /**
   * Stands in for a resource that is not active, so that its paths match (and are authenticated) like
   * any other. {@link AvailabilityFilter} answers before an instance is asked for; this is the backstop.
   */
  private record Unserved(Class<?> resourceClass) implements ResourceProvider {
    @Override
    public Object getInstance(Message m) {
      throw ProblemException.unavailable(Unavailable.message(Unavailable.UNKNOWN));
    }

    @Override
    public void releaseInstance(Message m, Object o) {
    }

    @Override
    public Class<?> getResourceClass() {
      return resourceClass;
    }

    @Override
    public boolean isSingleton() {
      return false; // CXF would ask a singleton for its instance when the endpoint is built
    }
  }

  /** A CXF bus, its JAX-RS server and the servlet that feeds it. */
  private record CxfParts(Bus bus, Server server, CXFNonSpringServlet servlet) implements Generation.Parts {
    @Override
    public void init(ServletConfig config) throws ServletException {
      servlet.init(config);
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
      servlet.service(request, response);
    }

    @Override
    public void close() {
      if (servlet.getServletConfig() != null) {
        servlet.destroy();
      }
      server.destroy();
      bus.shutdown(true);
    }
  }
}
