package dev.stoker.rest.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resources this bundle declares, active or not, as the component runtime describes them: what the
 * OpenAPI document lists, and what a resource that is not active waits for.
 */
final class ResourceCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceCatalog.class);

  private final ServiceComponentRuntime scr;
  private final Bundle bundle;

  ResourceCatalog(ServiceComponentRuntime scr, Bundle bundle) {
    this.scr = scr;
    this.bundle = bundle;
  }

  /** @return the classes of every {@link RestResource} component of the bundle, by name */
  List<Class<?>> resourceClasses() {
    List<Class<?>> classes = new ArrayList<>();
    for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle)) {
      if (d.serviceInterfaces != null && Arrays.asList(d.serviceInterfaces).contains(RestResource.class.getName())) {
        try {
          classes.add(bundle.loadClass(d.implementationClass));
        } catch (ClassNotFoundException e) {
          LOG.error("Resource component {} names a class that does not load", d.name, e);
        }
      }
    }
    classes.sort(Comparator.comparing(Class::getName));
    return classes;
  }

  /** @return how clients know what the resource of this class waits for */
  String missing(Class<?> resource) {
    for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle)) {
      if (resource.getName().equals(d.implementationClass)) {
        return missing(d, scr.getComponentConfigurationDTOs(d));
      }
    }
    return Unavailable.UNKNOWN;
  }

  /**
   * @return the first reference, in declaration order, that none of the configurations has satisfied,
   *     named as clients know it; {@link Unavailable#UNKNOWN} when no reference is missing
   */
  static String missing(ComponentDescriptionDTO description, Collection<ComponentConfigurationDTO> configurations) {
    Set<String> unsatisfied = new java.util.HashSet<>();
    for (ComponentConfigurationDTO c : configurations) {
      if (c.unsatisfiedReferences != null) {
        for (UnsatisfiedReferenceDTO u : c.unsatisfiedReferences) {
          unsatisfied.add(u.name);
        }
      }
    }
    if (description.references != null) {
      for (ReferenceDTO r : description.references) {
        if (unsatisfied.contains(r.name)) {
          return Unavailable.name(r.interfaceName);
        }
      }
    }
    return Unavailable.UNKNOWN;
  }
}
