package dev.stoker.rest.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import dev.stoker.api.environment.ArtifactService;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.health.HealthContributor;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.security.ApiTokenService;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuthService;
import dev.stoker.api.security.UserService;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.secrets.SecretService;
import java.util.Hashtable;
import java.util.List;
import javax.servlet.Servlet;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
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
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Publishes the HTTP API at {@code /api/v1}: a CXF JAX-RS server on its own bus, served by a CXF servlet
 * registered with the OSGi HTTP whiteboard at {@code /api/*}.
 *
 * <p>The services behind the API are dynamic and optional, so that health answers even while the
 * database is down and adapters can come and go; endpoints whose service is missing answer 503.
 */
@Component(immediate = true, configurationPid = "dev.stoker.rest", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RestConfig.class)
public class ApiServer {
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile AuthService auth;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile UserService users;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile ApiTokenService tokens;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile AuditLog audit;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile EnvironmentService environments;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile SecretService secrets;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile RepositoryService repository;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile ArtifactService artifacts;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile PlatformRegistry platforms;

  private final Services services = new Services(new Services.Dynamic(() -> auth, () -> users, () -> tokens,
      () -> audit, () -> environments, () -> secrets, () -> repository, () -> artifacts, () -> platforms));
  private Bus bus;
  private Server server;
  private ServiceRegistration<Servlet> servlet;
  private ServiceRegistration<EventHandler> signals;

  @Activate
  void activate(BundleContext context, RestConfig config) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(getClass().getClassLoader());
    try {
      bus = BusFactory.newInstance().createBus();
      List<Object> resources = List.of(new HealthResource(services), new AuthResource(services),
          new UserResource(services), new TokenResource(services), new PlatformResource(services),
          new AuditResource(services), new EnvironmentResource(services), new OperationResource(services),
          new SecretResource(services), new ProjectResource(services), new ArtifactResource(services),
          new GatewayMetricsResource(services, java.time.Clock.systemUTC()));
      var document = new OpenApiBuilder().build(context.getBundle().getVersion().toString(),
          resources.stream().<Class<?>>map(Object::getClass).toList());
      JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
      factory.setBus(bus);
      factory.setAddress("/v1");
      factory.setServiceBeans(new java.util.ArrayList<>(resources) {
        {
          add(new OpenApiResource(document));
        }
      });
      factory.setProviders(List.of(new JacksonJsonProvider(objectMapper()), new ProblemMapper(),
          new BodyLimitFilter(config.maxBodyBytes(), config.maxUploadBytes()), new AuthFilter(services), new AuditFilter(services)));
      server = factory.create();

      CXFNonSpringServlet cxf = new CXFNonSpringServlet();
      cxf.setBus(bus);
      Hashtable<String, Object> props = new Hashtable<>();
      props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, "/api/*");
      props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "stoker-api");
      servlet = context.registerService(Servlet.class, cxf, props);
      signals = context.registerService(EventHandler.class, services.signals,
          new Hashtable<>(java.util.Map.of(EventConstants.EVENT_TOPIC, OperationSignals.TOPIC)));
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

  @Deactivate
  void deactivate() {
    if (signals != null) {
      signals.unregister();
    }
    if (servlet != null) {
      servlet.unregister();
    }
    if (server != null) {
      server.destroy();
    }
    if (bus != null) {
      bus.shutdown(true);
    }
  }

  // ---- dynamic references: the API keeps answering while these come and go

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addHealth(HealthContributor c) {
    services.health.add(c);
  }

  void removeHealth(HealthContributor c) {
    services.health.remove(c);
  }
}
