package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiServletTest {
  @Test
  void serviceDescriptionsAreRecognisedWhereverTheParameterStands() {
    assertTrue(ApiServlet.asksForServiceDescription("_wadl"));
    assertTrue(ApiServlet.asksForServiceDescription("offset=0&_wadl=true"));
    assertTrue(ApiServlet.asksForServiceDescription("_schema=x.xsd"));
    assertFalse(ApiServlet.asksForServiceDescription(null));
    assertFalse(ApiServlet.asksForServiceDescription("path=_wadl&rev=main"), "a value is not a parameter");
    assertFalse(ApiServlet.asksForServiceDescription("my_wadl=1"));
  }
}
