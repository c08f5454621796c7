package io.vmpool.inventory.jdbc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the JDBC inventory (PID {@value #PID}): every default and limit lives here. */
@ObjectClassDefinition(id = InventoryConfig.PID, name = "vmpool inventory (JDBC)",
        description = "Database that keeps machines and events: H2 in the Karaf data folder by default")
public @interface InventoryConfig {
    String PID = "io.vmpool.inventory.jdbc";

    /** Fewest pooled connections: one holds the migration lock while another applies migrations. */
    int MIN_POOL_SIZE = 2;

    @AttributeDefinition(description = "JDBC URL; ${karaf.data} (or any ${framework.property}) is replaced "
            + "by that framework property, e.g. jdbc:postgresql://db1:5432/vmpool")
    String url() default "jdbc:h2:file:${karaf.data}/vmpool/inventory";

    @AttributeDefinition(description = "Database user (empty: none is passed to the driver)")
    String user() default "sa";

    /**
     * Key {@code .password}: the leading dot makes it a private component property, which DS does not
     * publish among the InventoryStore service's properties.
     */
    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "Database password (empty: none); its key is .password")
    String _password() default "";

    @AttributeDefinition(min = "2", description = "Most pooled connections (at least 2)")
    int maxPoolSize() default 8;

    @AttributeDefinition(min = "1", description = "How long a caller waits for a pooled connection, in seconds")
    int connectionTimeoutSeconds() default 30;

    @AttributeDefinition(min = "1", description = "How long start-up waits for another node that is "
            + "migrating the same database, in seconds")
    int migrationLockTimeoutSeconds() default 120;

    @AttributeDefinition(name = "DataSourceFactory target", description = "Filter selecting the JDBC driver's "
            + "DataSourceFactory service, e.g. (osgi.jdbc.driver.class=org.postgresql.Driver)")
    String dataSourceFactory_target() default "(osgi.jdbc.driver.class=org.h2.Driver)";
}
