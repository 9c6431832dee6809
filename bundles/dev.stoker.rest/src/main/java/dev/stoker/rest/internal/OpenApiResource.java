package dev.stoker.rest.internal;

import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** {@code GET /api/v1/openapi.json}: the API description, open to everyone. */
@Path("openapi.json")
@Produces(MediaType.APPLICATION_JSON)
public class OpenApiResource {
  private final Map<String, Object> document;

  OpenApiResource(Map<String, Object> document) {
    this.document = document;
  }

  @GET
  @Public
  @OpenApiBuilder.Hidden
  public Map<String, Object> document() {
    return document;
  }
}
