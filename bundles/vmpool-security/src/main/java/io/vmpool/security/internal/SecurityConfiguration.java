package io.vmpool.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the initial administrator account (PID {@code io.vmpool.security}); every default lives here. */
@ObjectClassDefinition(
        id = SecurityConfiguration.PID,
        name = "vmpool initial administrator",
        description = "Creates the first vmpool administrator in a Karaf JAAS realm when there is none")
public @interface SecurityConfiguration {

    String PID = "io.vmpool.security";

    @AttributeDefinition(description = "JAAS realm whose properties login module (users.properties) holds the accounts")
    String realm() default "karaf";

    @AttributeDefinition(description = "Name of the account created when no account holds adminRole")
    String adminUser() default "admin";

    @AttributeDefinition(description = "Role that makes an account a vmpool administrator (the role the core "
            + "checks). If any account holds it, directly or through a group, nothing is created")
    String adminRole() default "vmpool-admin";

    @AttributeDefinition(description = "Karaf groups (users.properties lines _g_\\:NAME = group,ROLE,...) the "
            + "created account joins; admingroup gives Karaf's shell roles (admin, ssh, ...). Comma-separated")
    String[] adminGroups() default {"admingroup"};

    @AttributeDefinition(description = "File the generated password is written to, readable by its owner only; "
            + "${name} is replaced by the framework/system property, e.g. ${karaf.data}")
    String passwordFile() default "${karaf.data}/vmpool/initial-admin-password";

    @AttributeDefinition(description = "Length of the generated password, in URL-safe characters (6 bits each)")
    int passwordLength() default 24;

    @AttributeDefinition(description = "After creating the admin account, how long (ms) the users file must keep it "
            + "whole before the password file is published: Karaf's AutoEncryptionSupport rewrites the file from its "
            + "own read when it finds a plain password, which can drop a role written meanwhile (it is written again)")
    long settleMillis() default 3000;
}
