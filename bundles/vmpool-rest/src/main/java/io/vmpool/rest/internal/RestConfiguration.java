package io.vmpool.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the REST door (PID {@code io.vmpool.rest}); every default and limit of the door lives here. */
@ObjectClassDefinition(
        id = RestConfiguration.PID,
        name = "vmpool REST API",
        description = "The JAX-RS endpoint under which vmpool's REST API is served")
public @interface RestConfiguration {

    String PID = "io.vmpool.rest";

    @AttributeDefinition(description = "Endpoint address. A relative address is served by CXF's servlet, under "
            + "org.apache.cxf.servlet.context of etc/org.apache.cxf.osgi.cfg (the distribution sets /vmpool, "
            + "giving /vmpool/api/v1); an absolute http:// address needs CXF's Jetty transport instead")
    String address() default "/api/v1";

    @AttributeDefinition(description = "JAAS realm that checks HTTP Basic credentials (Karaf's is 'karaf')")
    String realm() default "karaf";

    @AttributeDefinition(description = "Largest request body accepted, in bytes; larger ones get 413")
    long maxBodyBytes() default 65536;

    @AttributeDefinition(description = "Events returned by GET /vms/{name}/events when no ?limit is given")
    int defaultEventLimit() default 50;

    @AttributeDefinition(description = "Largest ?limit accepted by GET /vms/{name}/events")
    int maxEventLimit() default 1000;
}
