package dev.stoker.rest.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuthService;
import dev.stoker.api.telemetry.TelemetryService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
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
 * <p>Resources come and go with the services they need. The endpoint routes to every resource class this
 * bundle declares, active or not, and to those other bundles register; each request is handed the resource
 * instance registered at that moment. While there is none, the paths still answer 401/403 as usual and then
 * 503 naming what the resource waits for ({@link AvailabilityFilter}), and the OpenAPI document always lists
 * every endpoint. When the set of classes to route changes (a resource of another bundle comes or goes),
 * the endpoint is rebuilt: changes are coalesced (a burst makes one rebuild), rebuilds run on one thread,
 * and the new endpoint replaces the old one at once ({@link ApiServlet}).
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
  @Reference
  private ProjectScopes scopes;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile TelemetryService telemetry;

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
  private volatile RateLimiter rateLimiter;
  private volatile ApiServlet servlet;
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
    rateLimiter = new RateLimiter(restConfig.ratePerMinute(), restConfig.rateBurst(), System::nanoTime);
    Streams.SHARED.configure(restConfig);
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
    changed(); // in case a resource of another bundle came or went during the first build
    Hashtable<String, Object> props = new Hashtable<>();
    props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, "/api/*");
    props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "stoker-api");
    // no CXF service list page (what is deployed where is not for anonymous callers)
    props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_INIT_PARAM_PREFIX + "hide-service-list-page", "true");
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

  /** Builds the endpoint for the resource classes to route now and serves it instead of the current one. */
  private void rebuild() {
    Generation current = servlet.current();
    if (current != null && current.routes().equals(routes())) {
      return; // only instances changed: requests find them as they come
    }
    Generation next = build();
    synchronized (lock) {
      if (active) {
        try {
          servlet.publish(next);
          LOG.info("API endpoint rebuilt for {} resource classes", next.routes().size());
          return;
        } catch (ServletException | RuntimeException e) {
          LOG.error("Could not serve the rebuilt API endpoint; keeping the previous one", e);
        }
      }
    }
    next.destroy();
  }

  /** @return the classes to route: every resource this bundle declares, and those registered now */
  private Set<Class<?>> routes() {
    Set<Class<?>> routes = new TreeSet<>(Comparator.comparing(Class::getName));
    routes.addAll(declared);
    live.forEach(r -> routes.add(r.getClass()));
    return routes;
  }

  /** @return the resource of this class registered now, or {@code null} */
  private RestResource serving(Class<?> resourceClass) {
    for (RestResource r : live) {
      if (r.getClass() == resourceClass) {
        return r;
      }
    }
    return null;
  }

  private Generation build() {
    Set<Class<?>> routes = routes();
    Map<String, Object> document = new OpenApiBuilder().build(version, routes);
    List<ResourceProvider> providers = new ArrayList<>();
    routes.forEach(c -> providers.add(new Current(c, this::serving)));
    providers.add(new SingletonResourceProvider(new OpenApiResource(document)));
    ResourceCatalog resources = catalog;
    Function<Class<?>, String> missing = c -> c == OpenApiResource.class || serving(c) != null
        ? null : resources.missing(c);
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
          new RequestIds(), new BodyLimitFilter(limits.maxBodyBytes(), limits.maxUploadBytes()),
          new AuthFilter(() -> auth, scopes), new RateLimitFilter(rateLimiter),
          new AvailabilityFilter(missing), new AuditFilter(() -> audit), new SecurityHeaders(),
          new RequestMetrics(() -> telemetry)));
      Server server = factory.create();
      CXFNonSpringServlet cxf = new CXFNonSpringServlet(addresses, bus);
      return new Generation(new CxfParts(bus, server, cxf), routes);
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
   * Hands each request the resource of its class registered at that moment, so that a resource that
   * arrives or is replaced serves at once, without a rebuild. {@link AvailabilityFilter} answers before an
   * instance is asked for while there is none; the exception here is the backstop.
   */
  private record Current(Class<?> resourceClass, Function<Class<?>, Object> serving) implements ResourceProvider {
    @Override
    public Object getInstance(Message m) {
      Object resource = serving.apply(resourceClass);
      if (resource == null) {
        throw ProblemException.unavailable(Unavailable.message(Unavailable.UNKNOWN));
      }
      return resource;
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
      return false; // CXF asks a singleton for its instance once, when the endpoint is built
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
